import { useEffect, useRef } from 'react';
import { ApiError } from '../api/ApiError';
import { api } from '../api/endpoints';
import { LOGIN_REASON_SESSION_ENDED } from './loginReason';
import { navigate, withQuery } from '../routing/history';
import { paths } from '../routing/routes';
import { useSession } from './SessionContext';
import { showToast } from '../toast/toastStore';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { ConnectionState } from '../sync/ConnectionMonitor';
import { useSyncEngine } from '../collab/SyncEngineContext';

/**
 * Reacts to the relay saying "stop": a 4401 (session ended) sends the person
 * to log in and back here afterwards; a 4403 (removed from the journal) says
 * so and goes home.
 *
 * A relay that refuses the HTTP upgrade instead of closing with a code looks
 * to the browser like a network failure (1006), retried forever. So after a
 * few failed attempts we ask the API, which does answer 401/403, and stop
 * the rooms from retrying.
 */
export function useConnectionGuard(states: readonly ConnectionState[], journalId: string, journalTitle: string | null): void {
  const { refresh } = useSession();
  const { rooms } = useSyncEngine();
  const handled = useRef(false);
  const titleRef = useRef(journalTitle);
  titleRef.current = journalTitle;

  const stoppedCode = firstStopCode(states);
  const failures = Math.max(0, ...states.map((s) => (s.kind === 'reconnecting' ? s.failedAttempts : 0)));

  useEffect(() => {
    if (stoppedCode === null || handled.current) return;
    if (stoppedCode === CloseCode.Unauthorized) {
      handled.current = true;
      sessionEnded(refresh);
    } else if (stoppedCode === CloseCode.Forbidden) {
      handled.current = true;
      removedFromJournal(refresh, titleRef.current);
    }
  }, [stoppedCode, refresh]);

  // Probe on the 3rd, 6th, 9th... failure, not on every one.
  const probeAt = failures >= 3 && failures % 3 === 0 ? failures : 0;
  useEffect(() => {
    if (probeAt === 0 || handled.current || !navigator.onLine) return;
    let current = true;
    api.journal(journalId).catch((error: unknown) => {
      if (!current || handled.current || !(error instanceof ApiError)) return;
      if (error.status === 401) {
        handled.current = true;
        rooms.refuseAll();
        sessionEnded(refresh);
      } else if (error.status === 403 || error.status === 404) {
        handled.current = true;
        rooms.refuseAll(`${journalId}/`);
        noAccess(refresh, titleRef.current);
      }
    });
    return () => {
      current = false;
    };
  }, [probeAt, journalId, refresh, rooms]);
}

function firstStopCode(states: readonly ConnectionState[]): number | null {
  for (const s of states) if (s.kind === 'stopped') return s.code;
  return null;
}

function sessionEnded(refresh: () => Promise<unknown>): void {
  const here = window.location.pathname + window.location.search;
  // Navigate before the session state changes, so the login page gets the reason.
  navigate(withQuery('/login', { next: here, reason: LOGIN_REASON_SESSION_ENDED }), { replace: true });
  void refresh();
}

function removedFromJournal(refresh: () => Promise<unknown>, title: string | null): void {
  leave(refresh, `You're no longer a member of ${title ? `“${title}”` : 'that journal'}, so it was closed. If this is a mistake, ask your partner to invite you again.`);
}

/** The API says no, without our having seen a close code: we may never have been a member. */
function noAccess(refresh: () => Promise<unknown>, title: string | null): void {
  leave(refresh, `You don't have access to ${title ? `“${title}”` : 'that journal'}. If you should, ask your partner to send you an invite.`);
}

function leave(refresh: () => Promise<unknown>, message: string): void {
  showToast({ message, tone: 'error', durationMs: 12000 });
  void refresh();
  navigate(paths.home(), { replace: true });
}
