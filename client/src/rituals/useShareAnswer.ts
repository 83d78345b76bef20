import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { useSyncPhase } from '../collab/useCollabRoom';
import { pendingKey } from '../local/pendingCalls';
import { useOnline } from '../local/useOnline';
import type { CollabRoom } from '../sync/RoomRegistry';
import { ritualsApi } from './ritualsApi';

/** Pressed "Share" but not yet told to the server (offline, or the words not stored yet): kept per day. */
const shareKey = (journalId: string, day: string) => pendingKey('share-answer', journalId, day);

export type ShareState = { kind: 'idle' } | { kind: 'waiting' } | { kind: 'failed'; message: string };

/**
 * "Share my answer": tells the server this member has answered, but only once
 * the relay has confirmed storing the answer (so the reveal never opens an
 * answer to the partner that has not arrived), and again after a reload or
 * when the network comes back if it could not yet. The rituals document says
 * when the server has it; until then the press is remembered on this device.
 */
export function useShareAnswer(journalId: string, day: string, answer: CollabRoom | null, questionId: string, shared: boolean) {
  const key = shareKey(journalId, day);
  const [pending, setPending] = useState(() => localStorage.getItem(key) !== null);
  const [failure, setFailure] = useState<string | null>(null);
  const phase = useSyncPhase(answer);
  const online = useOnline();

  useEffect(() => {
    if (shared && pending) {
      localStorage.removeItem(key);
      setPending(false);
    }
  }, [shared, pending, key]);

  useEffect(() => {
    if (!pending || shared || phase !== 'confirmed' || !online) return;
    let cancelled = false;
    ritualsApi.answerDay(journalId, day, localStorage.getItem(key) ?? questionId).then(
      () => {
        if (cancelled) return;
        localStorage.removeItem(key);
        setPending(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        // Not reachable, or the words not there yet: the next confirmation or "online" tries again.
        if (error instanceof ApiError && error.status !== 0 && error.code !== 'empty_answer' && error.status < 500) {
          localStorage.removeItem(key);
          setPending(false);
          setFailure(error.message);
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [pending, shared, phase, online, journalId, day, key, questionId]);

  const share = useCallback(() => {
    localStorage.setItem(key, questionId);
    setFailure(null);
    setPending(true);
  }, [key, questionId]);

  const state: ShareState = failure ? { kind: 'failed', message: failure } : pending && !shared ? { kind: 'waiting' } : { kind: 'idle' };
  return { share, state };
}
