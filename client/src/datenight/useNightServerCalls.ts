import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { hasLateWork, readEnd, readSetup } from '#shared/documents/dateNight.js';
import { isNightOpen } from '#shared/documents/dateNightLog.js';
import { ApiError } from '../api/ApiError';
import { useSyncPhase } from '../collab/useCollabRoom';
import { pendingKey } from '../local/pendingCalls';
import { useOnline } from '../local/useOnline';
import type { CollabRoom } from '../sync/RoomRegistry';
import { dateNightApi } from './dateNightApi';

/** "End our date night" pressed, not yet done on the server (offline, or the night not there yet): kept per night. */
const endKey = (journalId: string, nightId: string) => pendingKey('end-night', journalId, nightId);

export type EndState = { kind: 'idle' } | { kind: 'waiting' } | { kind: 'failed'; message: string };

/**
 * What a night's page tells the server, each only once the relay has
 * confirmed storing this device's changes to the night (so the server reads
 * everything this device has):
 * - the starter's device announces the night, so the partner can join it;
 * - "End" asks the server to write the night as an entry; pressed offline it
 *   waits on this device and goes out when the network is back;
 * - a device that drew or wrote after the night ended (it was offline) asks
 *   the server to add that to the entry, so nothing written is lost.
 */
export function useNightServerCalls(
  journalId: string,
  nightId: string,
  userId: string,
  night: CollabRoom | null,
  rituals: Y.Doc | null,
  ritualsKnown: boolean,
  version: number,
) {
  const key = endKey(journalId, nightId);
  const [pending, setPending] = useState(() => localStorage.getItem(key) !== null);
  const [failure, setFailure] = useState<string | null>(null);
  const phase = useSyncPhase(night);
  const online = useOnline();
  const busy = useRef(false);

  const doc = night?.doc ?? null;
  const setup = doc ? readSetup(doc) : null;
  const end = doc ? readEnd(doc) : null;
  const late = doc !== null && hasLateWork(doc);
  const needsAnnounce = setup !== null && setup.startedBy === userId && end === null && ritualsKnown && rituals !== null && !isNightOpen(rituals, nightId);
  const needsEnd = (pending && end === null) || late;

  useEffect(() => {
    if (end !== null && pending) {
      localStorage.removeItem(key);
      setPending(false);
    }
  }, [end, pending, key]);

  useEffect(() => {
    if ((!needsAnnounce && !needsEnd) || phase !== 'confirmed' || !online || busy.current) return;
    busy.current = true;
    const call = needsEnd ? dateNightApi.end(journalId, nightId) : dateNightApi.announce(journalId, nightId);
    call.then(
      () => {
        busy.current = false;
        if (needsEnd) {
          localStorage.removeItem(key);
          setPending(false);
        }
      },
      (error: unknown) => {
        busy.current = false;
        // Unreachable, or the night not stored yet: the next confirmation or "online" tries again.
        if (needsEnd && error instanceof ApiError && error.status !== 0 && error.code !== 'night_not_here' && error.status < 500) {
          localStorage.removeItem(key);
          setPending(false);
          setFailure(error.message);
        }
      },
    );
    // `version`: the night or the rituals changed, so what is needed may have too.
  }, [needsAnnounce, needsEnd, phase, online, journalId, nightId, key, version]);

  const endNight = useCallback(() => {
    localStorage.setItem(key, '1');
    setFailure(null);
    setPending(true);
  }, [key]);

  const endState: EndState = failure ? { kind: 'failed', message: failure } : pending && end === null ? { kind: 'waiting' } : { kind: 'idle' };
  return { endNight, endState };
}
