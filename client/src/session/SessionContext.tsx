import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/ApiError';
import { api } from '../api/endpoints';
import type { JournalSummary, User } from '../../../shared/api/types';
import { roomRegistry } from '../collab/roomRegistry';
import { navigate } from '../routing/history';
import { isPublicRoute, matchRoute } from '../routing/routes';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: User; journals: JournalSummary[] }
  /** /api/me failed for a reason other than 401: we do not know who this is. */
  | { status: 'unreachable'; message: string };

interface SessionApi {
  session: SessionState;
  /** Reloads the user and their journals; resolves with the new state. */
  refresh(): Promise<SessionState>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

async function loadSession(): Promise<SessionState> {
  try {
    const me = await api.me();
    return { status: 'authenticated', user: me.user, journals: me.journals };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'anonymous' };
    return { status: 'unreachable', message: error instanceof Error ? error.message : String(error) };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    const next = await loadSession();
    setSession(next);
    return next;
  }, []);

  const logOut = useCallback(async () => {
    // Drop our sockets first: the server answers a logout by closing this
    // session's sockets with 4401, which would otherwise read as "your
    // session ended unexpectedly".
    roomRegistry.disconnectAll();
    try {
      await api.logOut();
    } catch (error) {
      roomRegistry.reconnectAll();
      throw error;
    }
    // Leave a members-only page before the session disappears; otherwise it
    // would send us to login with a ?next= pointing into the old account.
    if (!isPublicRoute(matchRoute(window.location.pathname))) navigate('/login', { replace: true });
    setSession({ status: 'anonymous' });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ session, refresh, logOut }), [session, refresh, logOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only call below a route that requires a session. */
export function useCurrentUser(): User {
  const { session } = useSession();
  if (session.status !== 'authenticated') throw new Error('useCurrentUser without a session');
  return session.user;
}
