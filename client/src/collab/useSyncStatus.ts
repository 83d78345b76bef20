import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../sync/ConnectionMonitor';
import type { CollabRoom } from '../sync/RoomRegistry';
import { syncStatusKind, type SyncStatusKind } from '../sync/syncStatusKind';
import { useSyncPhase } from './useCollabRoom';
import { useSyncEngine } from './SyncEngineContext';

/**
 * An entry's status: the entry document and the journal index (which holds
 * the entry's existence, title and preview) must both be confirmed.
 */
export function useEntrySyncStatus(entry: CollabRoom | null, index: CollabRoom | null, connection: ConnectionState): SyncStatusKind {
  const entryPhase = useSyncPhase(entry);
  const indexPhase = useSyncPhase(index);
  return syncStatusKind(entryPhase !== 'confirmed' || indexPhase !== 'confirmed', connection);
}

/**
 * The whole journal's status: every document of the journal with changes
 * from this device the relay has not confirmed, whether open now or closed
 * earlier (even in an earlier visit) and waiting for background sync.
 */
export function useJournalSyncStatus(journalId: string, connection: ConnectionState): SyncStatusKind {
  const { ledger } = useSyncEngine();
  useSyncExternalStore(ledger.subscribe, ledger.getVersion);
  return syncStatusKind(ledger.hasUnconfirmed(`${journalId}/`), connection);
}
