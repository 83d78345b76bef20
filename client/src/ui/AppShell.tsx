import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/ApiError';
import { useLocation } from '../routing/history';
import { Link } from '../routing/Link';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { OfflineBadge } from '../offline/OfflineBadge';
import { UpdateBanner } from '../offline/UpdateBanner';
import { useSession } from '../session/SessionContext';
import { ConfirmDialog } from './ConfirmDialog';
import { showToast } from '../toast/toastStore';
import { ToastRegion } from '../toast/ToastRegion';

/** Header, skip link and the one <main>; moves focus to the new page's heading after in-app navigation. */
export function AppShell({
  children,
  otherChangesAtRisk,
}: {
  children: ReactNode;
  /** Something besides the documents that logging out would lose (photos not yet uploaded). */
  otherChangesAtRisk?: () => boolean;
}) {
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // Without this a screen reader stays on the link that was activated and
    // never hears that the page changed. Wait a frame for the page to render.
    let stopFollowing = () => {};
    const frame = requestAnimationFrame(() => {
      const main = mainRef.current;
      if (!main || main.contains(document.activeElement)) return;
      stopFollowing = focusHeadingOf(main);
    });
    return () => {
      cancelAnimationFrame(frame);
      stopFollowing();
    };
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader otherChangesAtRisk={otherChangesAtRisk} />
      <UpdateBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {children}
      </main>
      <ToastRegion />
    </div>
  );
}

function SiteHeader({ otherChangesAtRisk }: { otherChangesAtRisk?: () => boolean }) {
  const { session, logOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const engine = useSyncEngine();

  function requestLogOut() {
    // Logging out deletes this device's copy of the journal, including
    // changes the relay has not confirmed yet: those would be gone for good.
    if (engine.ledger.hasUnconfirmed() || engine.hasChangesAtRisk() || otherChangesAtRisk?.()) setConfirming(true);
    else void handleLogOut();
  }

  async function handleLogOut() {
    setConfirming(false);
    setBusy(true);
    try {
      await logOut();
    } catch (error) {
      showToast({ message: errorMessage(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <header className="site-header">
      <Link to="/" className="brand" aria-label="Duet, your journals">
        <span className="brand__mark" aria-hidden="true">
          <span />
          <span />
        </span>
        <span className="brand__name">Duet</span>
      </Link>
      {session.status === 'authenticated' && (
        <div className="site-header__account">
          <OfflineBadge />
          <Link to="/account" className="site-header__user" title="Your account">
            {session.user.name}
          </Link>
          <button type="button" className="button button--quiet button--small" onClick={requestLogOut} disabled={busy}>
            Log out
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Log out before your changes are synced?"
        confirmLabel="Log out anyway"
        danger
        onConfirm={() => void handleLogOut()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Some of what you wrote or added has not reached Duet yet. Logging out removes it from this device, so your partner would never see it. Stay
          logged in and connect to the internet to send it first.
        </p>
      </ConfirmDialog>
    </header>
  );
}

/**
 * Focuses the page's heading, and keeps it there while the page finishes
 * loading: a page shows a "Loading…" heading first and then replaces it, and
 * focus on a removed element falls to the body (keyboard users start over from
 * the top). Follows the heading until focus moves anywhere else.
 */
function focusHeadingOf(main: HTMLElement): () => void {
  let focused: HTMLElement | null = null;
  const focusHeading = () => {
    const target = main.querySelector<HTMLElement>('h1') ?? main;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    focused = target;
  };
  focusHeading();
  const observer = new MutationObserver(() => {
    if (focused?.isConnected) {
      if (document.activeElement !== focused) observer.disconnect();
      return;
    }
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) focusHeading();
    else observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  return () => observer.disconnect();
}
