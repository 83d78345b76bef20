import { useEffect } from 'react';
import { useSession } from '../session/SessionContext';
import { showToast } from '../toast/toastStore';
import { usePhotoQueue } from './PhotoQueueContext';

/**
 * Starts the upload queue once the app knows who is signed in (the photos on
 * the device are theirs: a different account's were wiped first), lets it
 * send once the server has said so (at load, and after a session ended and
 * someone logged in again), and says so
 * when the server refuses a photo for good, whichever page is open (the
 * entry itself marks the photo too). Renders nothing.
 */
export function PhotoUploadHost() {
  const { session } = useSession();
  const queue = usePhotoQueue();
  const signedIn = session.status === 'authenticated' && !session.offline;
  const userId = session.status === 'authenticated' ? session.user.id : null;

  // Offline too, from the device's copy of the session: the entry shows what waits.
  useEffect(() => {
    if (userId !== null) void queue.start();
  }, [queue, userId]);

  useEffect(() => {
    if (signedIn) queue.resume();
  }, [queue, signedIn, userId]);

  useEffect(
    () => queue.onRefused((_upload, refusal) => showToast({ message: `A photo couldn’t be added. ${refusal.message}`, tone: 'error', durationMs: 10_000 })),
    [queue],
  );
  return null;
}
