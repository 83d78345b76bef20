import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { api } from '../api/endpoints';
import { forgetResponses } from '../local/apiCache';
import { requestPersistentStorage } from '../local/persistentStorage';
import { useSession } from './SessionContext';
import { showToast } from '../toast/toastStore';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { JournalBackgroundSync } from '../sync/JournalBackgroundSync';
import type { SyncEngine } from '../sync/SyncEngine';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { useConnectionState } from '../collab/useCollabRoom';

/** Let the page that was just opened load first. */
const FIRST_PASS_DELAY_MS = 2000;

/**
 * Keeps every journal of the signed-in person on this device, in the
 * background, for as long as the app is open (see JournalBackgroundSync).
 * Renders nothing.
 */
export function BackgroundSyncHost() {
  const { session } = useSession();
  const signedIn = session.status === 'authenticated';
  const journalIds = signedIn ? session.journals.map((j) => j.id).sort() : [];
  const key = journalIds.join(',');
  // Only the server's own answer may decide which journals are no longer ours.
  const fresh = signedIn && !session.offline;
  const engine = useSyncEngine();

  useEffect(() => {
    if (signedIn) requestPersistentStorage();
  }, [signedIn]);

  // Comments written offline go out once the app knows who is signed in (on load, and when back online).
  const userId = signedIn ? session.user.id : null;
  const { commentOutbox } = engine;
  useEffect(() => {
    commentOutbox.setUser(userId);
  }, [commentOutbox, userId]);
  // A comment the server refused for good is gone from the queue: say so, whichever page is open.
  useEffect(
    () => commentOutbox.onRefused((_item, message) => showToast({ message: `Comment not saved: ${message}`, tone: 'error', durationMs: 8000 })),
    [commentOutbox],
  );

  useEffect(() => {
    if (fresh) void forgetOtherJournals(engine, key === '' ? [] : key.split(','));
  }, [engine, fresh, key]);

  return (
    <>
      {journalIds.map((id) => (
        <JournalKeeper key={id} journalId={id} />
      ))}
    </>
  );
}

function JournalKeeper({ journalId }: { journalId: string }) {
  const { refresh } = useSession();
  const engine = useSyncEngine();
  const { rooms } = engine;
  const [sync, setSync] = useState<JournalBackgroundSync | null>(null);
  useEffect(() => {
    const next = engine.keepJournal(journalId, FIRST_PASS_DELAY_MS);
    setSync(next);
    return () => next.stop();
  }, [engine, journalId]);

  // Pages check their own connections (useConnectionGuard); this covers the
  // time no page of this journal is open. A refusal stops the journal's rooms
  // and reloads the session, which drops this journal or signs out.
  const state = useConnectionState(sync?.indexRoom ?? null);
  const stopCode = state.kind === 'stopped' ? state.code : null;
  const failures = state.kind === 'reconnecting' ? state.failedAttempts : 0;
  const probeAt = failures >= 3 && failures % 3 === 0 ? failures : 0;
  useEffect(() => {
    if (stopCode === CloseCode.Unauthorized || stopCode === CloseCode.Forbidden) void refresh();
  }, [stopCode, refresh]);
  useEffect(() => {
    if (probeAt === 0 || !navigator.onLine) return;
    let current = true;
    api.journal(journalId).catch((error: unknown) => {
      if (!current || !(error instanceof ApiError)) return;
      if (error.status === 401) rooms.refuseAll();
      else if (error.status === 403 || error.status === 404) rooms.refuseAll(`${journalId}/`);
      else return;
      void refresh();
    });
    return () => {
      current = false;
    };
  }, [probeAt, journalId, refresh, rooms]);
  return null;
}

/** Deletes local copies of journals this person no longer belongs to, and the API answers kept for them. */
async function forgetOtherJournals(engine: SyncEngine, journalIds: readonly string[]): Promise<void> {
  try {
    for (const journalId of await engine.forgetOtherJournals(journalIds)) forgetResponses(`/api/journals/${encodeURIComponent(journalId)}`);
  } catch (error) {
    console.warn('Duet could not tidy its local data', error);
  }
}
