import { forgetResponses } from '../local/apiCache';
import { forgetPendingCalls } from '../local/pendingCalls';
import { devicePhotoUploads } from '../local/photoUploadStore';
import type { SyncEngine } from '../sync/SyncEngine';

const OWNER_KEY = 'duet:owner';

/**
 * Everything this device keeps for the signed-in person (journal documents,
 * cached API answers) belongs to one account. A different account signing in
 * on the same browser starts from nothing.
 */
export async function claimLocalData(engine: SyncEngine, userId: string): Promise<void> {
  let owner: string | null;
  try {
    owner = localStorage.getItem(OWNER_KEY);
  } catch {
    return;
  }
  if (owner !== null && owner !== userId) await wipeLocalData(engine);
  try {
    localStorage.setItem(OWNER_KEY, userId);
  } catch {
    // Without localStorage there is no cached data to protect either.
  }
}

/** Logout: the journal leaves this device with the session. */
export async function wipeLocalData(engine: SyncEngine): Promise<void> {
  forgetResponses();
  forgetPendingCalls();
  try {
    localStorage.removeItem(OWNER_KEY);
  } catch {
    // Nothing stored.
  }
  // Photos still waiting to upload go too: they were picked by this person, for this person's journals.
  await Promise.all([
    engine.wipeDevice().catch((error: unknown) => console.warn('Duet could not clear its local data', error)),
    devicePhotoUploads.clear().catch((error: unknown) => console.warn('Duet could not clear the photos waiting to upload', error)),
  ]);
}
