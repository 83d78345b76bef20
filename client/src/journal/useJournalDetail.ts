import { useEffect } from 'react';
import { api } from '../api/endpoints';
import type { JournalDetail } from '../../../shared/api/types';
import { useAsync, type AsyncState } from '../ui/useAsync';

/**
 * The journal's members and (for the owner) pending invites. Reloaded when the
 * window regains focus, so "who has joined" is fresh when the owner comes back
 * from sending the link.
 */
export function useJournalDetail(journalId: string): { state: AsyncState<JournalDetail>; reload: () => void } {
  const { state, reload } = useAsync(() => api.journal(journalId), journalId);
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);
  return { state, reload };
}
