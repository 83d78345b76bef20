import { SYNC_STATUS_TEXT, type SyncStatusKind } from '../sync/syncStatusKind';

const HINTS: Record<SyncStatusKind, string> = {
  offline: 'Your changes are kept in this browser and shared as soon as Duet can be reached.',
  syncing: 'Sending your changes to Duet.',
  synced: 'Duet has stored every change made on this device.',
};

/** Where this device's words are. `role="status"` makes changes polite announcements. */
export function SyncStatus({ kind, testId }: { kind: SyncStatusKind; testId: string }) {
  return (
    <p className={`sync sync--${kind}`} title={HINTS[kind]}>
      <span role="status" data-testid={testId} className="sync__label">
        {SYNC_STATUS_TEXT[kind]}
      </span>
    </p>
  );
}
