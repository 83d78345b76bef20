import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/ApiError';
import { api } from '../api/endpoints';
import type { JournalSummary, User } from '#shared/api/types.js';
import { useSyncEngine } from '../collab/SyncEngineContext';
import type { SyncEngine } from '../sync/SyncEngine';
import { navigate } from '../routing/history';
import { isPublicRoute, matchRoute } from '../routing/routes';
import { claimLocalData, wipeLocalData } from './localData';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  /** `offline`: Duet could not be reached and this is the device's copy of the last answer. */
  | { status: 'authenticated'; user: User; journals: JournalSummary[]; offline: boolean }
  /** /api/me failed for a reason other than 401: we do not know who this is. */
  | { status: 'unreachable'; message: string };

interface SessionApi {
  session: SessionState;
  /** Reloads the user and their journals; resolves with the new state. */
  refresh(): Promise<SessionState>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

async function loadSession(engine: SyncEngine): Promise<SessionState> {
  try {
    // Offline, the last answer stands in: only a real 401 signs the person out.
    const { data: me, fromDevice } = await api.meOrDeviceCopy();
    if (!fromDevice) await claimLocalData(engine, me.user.id);
    return { status: 'authenticated', user: me.user, journals: me.journals, offline: fromDevice };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'anonymous' };
    return { status: 'unreachable', message: error instanceof Error ? error.message : String(error) };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const engine = useSyncEngine();
  const { rooms } = engine;

  const refresh = useCallback(async () => {
    const next = await loadSession(engine);
    setSession(next);
    return next;
  }, [engine]);

  const logOut = useCallback(async () => {
    // Drop our sockets first: the server answers a logout by closing this
    // session's sockets with 4401, which would otherwise read as "your
    // session ended unexpectedly".
    rooms.disconnectAll();
    try {
      await api.logOut();
    } catch (error) {
      rooms.reconnectAll();
      throw error;
    }
    // The journal leaves this device with the session (a shared computer must not keep it).
    void wipeLocalData(engine);
    // Leave a members-only page before the session disappears; otherwise it
    // would send us to login with a ?next= pointing into the old account.
    if (!isPublicRoute(matchRoute(window.location.pathname))) navigate('/login', { replace: true });
    setSession({ status: 'anonymous' });
  }, [engine, rooms]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Back to a tab that was in the background: the name or email may have changed on another
  // device meanwhile (docs/design/accounts.md), and the editor writes the name into the timeline.
  const signedIn = session.status === 'authenticated' && !session.offline;
  useEffect(() => {
    if (!signedIn) return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [signedIn, refresh]);

  // Opened offline from the device's copy: ask the server again once the network is back.
  const offline = session.status === 'authenticated' && session.offline;
  useEffect(() => {
    if (!offline) return;
    const retry = () => void refresh();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [offline, refresh]);

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
