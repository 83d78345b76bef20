import { useEffect, useId, useRef, useState } from 'react';
import type { ConnectionState } from '../sync/ConnectionMonitor';
import { SYNC_STATUS_TEXT, type SyncStatusKind } from '../sync/syncStatusKind';
import { useSettled } from './useSettled';

/** How long changes may be on their way before the indicator says so: a keystroke's round trip is far less. */
const SYNCING_SHOWN_AFTER_MS = 1500;

const CONNECTION_TEXT: Record<ConnectionState['kind'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  // A stopped connection is explained by an alert next to it; here it only says we are not syncing.
  stopped: 'Offline',
};

const CONNECTION_HINT: Record<ConnectionState['kind'], string> = {
  connecting: 'Opening the live connection.',
  connected: 'Changes are shared as you type.',
  reconnecting: 'Keep writing: your changes are kept here and shared when the connection is back.',
  offline: 'No network. Keep writing: your changes are shared when you are back online.',
  stopped: 'Not syncing.',
};

const SYNC_HINT: Record<SyncStatusKind, string> = {
  offline: 'Your changes are kept in this browser and shared as soon as Duet can be reached.',
  syncing: 'Sending your changes to Duet.',
  synced: 'Duet has stored every change made on this device.',
};

type Look = 'calm' | 'busy' | 'waiting';

/** The one short word shown, and how it looks. Never "Offline": the header says that once, on every page. */
function shortWord(sync: SyncStatusKind, connection: ConnectionState['kind']): { word: string; look: Look } {
  if (sync === 'offline') return { word: 'Saved on this device', look: 'waiting' };
  if (sync === 'syncing') return { word: 'Syncing…', look: 'busy' };
  if (connection === 'connected') return { word: 'Synced', look: 'calm' };
  if (connection === 'connecting' || connection === 'reconnecting') return { word: 'Connecting…', look: 'busy' };
  return { word: 'Not connected', look: 'waiting' };
}

/**
 * Where this page's words are, in one small, quiet place: a word and a dot,
 * and the whole story when tapped. It stays calm while someone types (a
 * change's trip to the server is shown only once it takes longer than a
 * moment), but it never claims more than is true: its accessible name and the
 * details always say exactly what this device knows.
 */
export function StatusIndicator({ connection, sync, testId }: { connection: ConnectionState; sync: SyncStatusKind; testId: string }) {
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // Only a sync that lasts is shown; going back to synced, or offline, shows at once.
  const shownSync = useSettled(sync, (next) => (next === 'syncing' ? SYNCING_SHOWN_AFTER_MS : 0));
  const { word, look } = shortWord(shownSync, connection.kind);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [open]);

  return (
    <div className="status" ref={root}>
      <button type="button" className={`status__button status--${look}`} aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((v) => !v)}>
        <span className="status__dot" aria-hidden="true" />
        <span aria-hidden="true">{word}</span>
        {/* What is true right now, for screen readers and anyone checking closely. */}
        <span className="visually-hidden">
          <span data-testid={testId}>{SYNC_STATUS_TEXT[sync]}</span>. <span data-testid="connection-status">{CONNECTION_TEXT[connection.kind]}</span>. Show details
        </span>
      </button>
      {/* Announced politely only when it settles, not on every keystroke. */}
      <span role="status" className="visually-hidden">
        {SYNC_STATUS_TEXT[shownSync]}
      </span>
      <div id={detailsId} className="status__details" hidden={!open}>
        <p>
          <strong>{SYNC_STATUS_TEXT[sync]}.</strong> {SYNC_HINT[sync]}
        </p>
        <p>
          <strong>{CONNECTION_TEXT[connection.kind]}.</strong> {CONNECTION_HINT[connection.kind]}
        </p>
      </div>
    </div>
  );
}
