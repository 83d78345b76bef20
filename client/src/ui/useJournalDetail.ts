import { useEffect } from 'react';
import { api } from '../api/endpoints';
import type { JournalDetail } from '#shared/api/types.js';
import { useAsync, type AsyncState } from './useAsync';

/**
 * The journal's members and (for the owner) pending invites. Reloaded when the
 * window regains focus, so "who has joined" is fresh when the owner comes back
 * from sending the link, and when the network returns. Offline, this
 * device's copy of the last answer stands in.
 */
export function useJournalDetail(journalId: string): { state: AsyncState<JournalDetail>; reload: () => void } {
  const { state, reload } = useAsync(() => api.journalOrDeviceCopy(journalId).then(({ data }) => data), journalId);
  useEffect(() => {
    window.addEventListener('focus', reload);
    window.addEventListener('online', reload);
    return () => {
      window.removeEventListener('focus', reload);
      window.removeEventListener('online', reload);
    };
  }, [reload]);
  return { state, reload };
}
