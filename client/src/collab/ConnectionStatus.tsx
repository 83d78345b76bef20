import type { ConnectionState } from '../sync/ConnectionMonitor';

const LABELS: Record<ConnectionState['kind'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  // A stopped connection is explained by an alert next to it; the badge only says we are not syncing.
  stopped: 'Offline',
};

const HINTS: Record<ConnectionState['kind'], string> = {
  connecting: 'Opening the live connection.',
  connected: 'Changes are shared as you type.',
  reconnecting: 'Keep writing: your changes are kept here and shared when the connection is back.',
  offline: 'No network. Keep writing: your changes are shared when you are back online.',
  stopped: 'Not syncing.',
};

/** The always-visible connection badge. `role="status"` makes changes polite announcements. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <p className={`connection connection--${state.kind}`} title={HINTS[state.kind]}>
      <span className="connection__dot" aria-hidden="true" />
      <span role="status" data-testid="connection-status" className="connection__label">
        {LABELS[state.kind]}
      </span>
      <span className="visually-hidden">. {HINTS[state.kind]}</span>
    </p>
  );
}
