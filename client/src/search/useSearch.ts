import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '#shared/api/searchTypes.js';
import { parseQuery } from '#shared/search/queryTerms.js';
import { ApiError } from '../api/ApiError';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { searchOnDevice } from './deviceSearch';
import { type SearchFilters, searchJournal } from './searchApi';

/** Quiet time after a keystroke before searching: a word typed at speed is one search. */
const TYPING_PAUSE_MS = 250;

export type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'refused'; message: string }
  | { status: 'failed'; message: string }
  | { status: 'ready'; hits: SearchHit[]; next: string | null; onDevice: boolean; loadingMore: boolean };

/**
 * Searches the journal as the query and filters change, after a pause in
 * typing. When Duet cannot be reached, searches what this device holds and
 * says so (`onDevice`). Answers that arrive late for an older query are dropped.
 */
export function useSearch(journalId: string, query: string, filters: SearchFilters): { state: SearchState; loadMore: () => void } {
  const engine = useSyncEngine();
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const asked = useRef(0);
  const { kind, author, year } = filters;

  useEffect(() => {
    const ask = ++asked.current;
    if (query.trim() === '') {
      setState({ status: 'idle' });
      return;
    }
    const parsed = parseQuery(query);
    if (!parsed.ok) {
      setState({ status: 'refused', message: parsed.message });
      return;
    }
    setState((current) => (current.status === 'ready' ? current : { status: 'searching' }));
    const run = async () => {
      const current = () => asked.current === ask;
      const wanted = { kind, author, year };
      try {
        const results = await searchJournal(journalId, query, wanted, null);
        if (current()) setState({ status: 'ready', hits: results.hits, next: results.next, onDevice: false, loadingMore: false });
      } catch (error) {
        if (!current()) return;
        if (error instanceof ApiError && error.status === 400) return setState({ status: 'refused', message: error.message });
        if (error instanceof ApiError && error.status !== 0 && error.status < 500) return setState({ status: 'failed', message: error.message });
        // Offline, or the server cannot answer: what this device holds.
        try {
          const hits = await searchOnDevice(engine, journalId, parsed.terms, wanted);
          if (current()) setState({ status: 'ready', hits, next: null, onDevice: true, loadingMore: false });
        } catch {
          if (current()) setState({ status: 'failed', message: "We couldn't search right now. Try again in a moment." });
        }
      }
    };
    const timer = window.setTimeout(() => void run(), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [engine, journalId, query, kind, author, year]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.next || state.loadingMore) return;
    const ask = asked.current;
    const { hits, next } = state;
    setState({ ...state, loadingMore: true });
    searchJournal(journalId, query, { kind, author, year }, next).then(
      (more) => {
        if (asked.current === ask) setState({ status: 'ready', hits: [...hits, ...more.hits], next: more.next, onDevice: false, loadingMore: false });
      },
      () => {
        if (asked.current === ask) setState({ status: 'ready', hits, next, onDevice: false, loadingMore: false });
      },
    );
  }, [state, journalId, query, kind, author, year]);

  return { state, loadMore };
}
