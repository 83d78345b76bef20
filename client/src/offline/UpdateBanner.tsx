import { applyUpdate, useUpdateWaiting } from './serviceWorkerClient';

/**
 * Offers the new version instead of reloading under someone's fingers. If
 * changes are still unconfirmed, the reload asks first (see unloadGuard).
 */
export function UpdateBanner() {
  const waiting = useUpdateWaiting();
  if (!waiting) return null;
  return (
    <div className="update-banner" aria-live="polite">
      <p className="update-banner__text">A new version of Duet is ready</p>
      <button type="button" className="button button--small" onClick={applyUpdate}>
        Update
      </button>
    </div>
  );
}
