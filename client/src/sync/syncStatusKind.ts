import type { ConnectionState } from './ConnectionMonitor';

/** What the sync status says; the texts are exact (people and the end-to-end tests read them). */
export type SyncStatusKind = 'offline' | 'syncing' | 'synced';

export const SYNC_STATUS_TEXT: Record<SyncStatusKind, string> = {
  offline: 'Offline: saved on this device',
  syncing: 'Syncing…',
  synced: 'All changes synced',
};

/**
 * "All changes synced" only when the relay has confirmed storing every change
 * this device made (`unconfirmed` is false). Otherwise the changes are on
 * this device, and either on their way (a connection is open or being opened)
 * or waiting for one: no network, a relay that cannot be reached after a
 * failed attempt, or a connection that was refused.
 */
export function syncStatusKind(unconfirmed: boolean, connection: ConnectionState): SyncStatusKind {
  if (!unconfirmed) return 'synced';
  return connection.kind === 'connected' || connection.kind === 'connecting' ? 'syncing' : 'offline';
}
