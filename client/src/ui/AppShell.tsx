import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/ApiError';
import { useLocation } from '../routing/history';
import { Link } from '../routing/Link';
import { useSession } from '../session/SessionContext';
import { showToast } from './toastStore';
import { ToastRegion } from './ToastRegion';

/** Header, skip link and the one <main>; moves focus to the new page's heading after in-app navigation. */
export function AppShell({ children }: { children: ReactNode }) {
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
    const frame = requestAnimationFrame(() => {
      const main = mainRef.current;
      if (!main || main.contains(document.activeElement)) return;
      const heading = main.querySelector<HTMLElement>('h1');
      const target = heading ?? main;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {children}
      </main>
      <ToastRegion />
    </div>
  );
}

function SiteHeader() {
  const { session, logOut } = useSession();
  const [busy, setBusy] = useState(false);

  async function handleLogOut() {
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
          <span className="site-header__user">{session.user.name}</span>
          <button type="button" className="button button--quiet button--small" onClick={handleLogOut} disabled={busy}>
            Log out
          </button>
        </div>
      )}
    </header>
  );
}
