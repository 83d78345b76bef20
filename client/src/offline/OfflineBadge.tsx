import { useOnline } from '../local/useOnline';
import { useSession } from '../session/SessionContext';

/**
 * Says, in the header on every page, that Duet is working from what this
 * device has saved: the browser reports no network, or the server could not
 * be reached when the session was loaded.
 */
export function OfflineBadge() {
  const online = useOnline();
  const { session } = useSession();
  const fromDevice = session.status === 'authenticated' && session.offline;
  if (online && !fromDevice) return null;
  return (
    <p className="offline-badge" title="Duet is showing what this device has saved. Your changes are kept here and shared when you are back online.">
      <span className="offline-badge__dot" aria-hidden="true" />
      Offline
    </p>
  );
}
