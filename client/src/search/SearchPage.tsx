import { useState } from 'react';
import { SEARCH_KINDS, type SearchKind } from '#shared/api/searchTypes.js';
import { Link } from '../routing/Link';
import { queryParam, useLocation, withQuery } from '../routing/history';
import { paths } from '../routing/routes';
import { useCurrentUser } from '../session/SessionContext';
import { useJournalDetail } from '../ui/useJournalDetail';
import { usePageTitle } from '../ui/usePageTitle';
import { SearchResult } from './SearchResult';
import { KIND_FILTERS } from './searchLinks';
import { useSearch } from './useSearch';

const asKind = (value: string | null): SearchKind | null => (SEARCH_KINDS as readonly string[]).includes(value ?? '') ? (value as SearchKind) : null;
const asYear = (value: string | null): number | null => (value && /^\d{4}$/.test(value) ? Number(value) : null);

/** /journals/:id/search: find words in entries, answers, love notes and comments, newest first. */
export function SearchPage({ journalId }: { journalId: string }) {
  const { search } = useLocation();
  const user = useCurrentUser();
  const { state: detail } = useJournalDetail(journalId);
  const [query, setQuery] = useState(() => queryParam(search, 'q') ?? '');
  const [kind, setKind] = useState(() => asKind(queryParam(search, 'kind')));
  const [author, setAuthor] = useState(() => queryParam(search, 'author'));
  const [year, setYear] = useState(() => asYear(queryParam(search, 'year')));
  const { state, loadMore } = useSearch(journalId, query, { kind, author, year });
  usePageTitle('Search');

  // The address keeps the search, so Back from a result comes back to it (no new history entry per keystroke).
  const remember = (next: { q?: string; kind?: string | null; author?: string | null; year?: string | null }) => {
    const values = { q: query, kind, author, year: year === null ? null : String(year), ...next };
    window.history.replaceState(null, '', withQuery(paths.search(journalId), values));
  };

  const journal = detail.status === 'ready' ? detail.data : null;
  const members = journal?.members ?? [];
  const thisYear = new Date().getFullYear();
  const firstYear = Math.min(thisYear, journal ? new Date(journal.journal.createdAt).getFullYear() : thisYear) - 10;
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, i) => thisYear - i);
  const filtered = kind !== null || author !== null || year !== null;

  return (
    <div className="search-page">
      <header className="page-header">
        <div>
          <p className="eyebrow">
            <Link to={paths.journal(journalId)}>{journal ? journal.journal.title : 'Back to the journal'}</Link>
          </p>
          <h1 className="page-title">Search</h1>
        </div>
      </header>
      <form className="search-form" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span className="field__label">Words to find</span>
          <input
            className="field__input search-form__input"
            type="search"
            autoFocus
            enterKeyHint="search"
            value={query}
            placeholder="A place, a name, a word from a note"
            onChange={(event) => {
              setQuery(event.target.value);
              remember({ q: event.target.value });
            }}
          />
          <span className="field__hint">Put words in "quotes" to find them side by side.</span>
        </label>
        <div className="search-filters">
          <label className="search-filter">
            <span className="field__label">What</span>
            <select
              className="field__input"
              value={kind ?? ''}
              onChange={(event) => {
                setKind(asKind(event.target.value));
                remember({ kind: event.target.value || null });
              }}
            >
              {KIND_FILTERS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <label className="search-filter">
            <span className="field__label">Who wrote it</span>
            <select
              className="field__input"
              value={author ?? ''}
              onChange={(event) => {
                setAuthor(event.target.value || null);
                remember({ author: event.target.value || null });
              }}
            >
              <option value="">Either of us</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.userId === user.id ? `Me (${m.name})` : m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="search-filter">
            <span className="field__label">Year</span>
            <select
              className="field__input"
              value={year ?? ''}
              onChange={(event) => {
                setYear(asYear(event.target.value));
                remember({ year: event.target.value || null });
              }}
            >
              <option value="">Any year</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        </div>
      </form>
      <SearchOutcome journalId={journalId} query={query} filtered={filtered} state={state} loadMore={loadMore} />
    </div>
  );
}

function SearchOutcome({ journalId, query, filtered, state, loadMore }: { journalId: string; query: string; filtered: boolean; state: ReturnType<typeof useSearch>['state']; loadMore: () => void }) {
  switch (state.status) {
    case 'idle':
      return <p className="empty-note">Find anything you have written together: a trip, a joke, a word from a love note.</p>;
    case 'searching':
      return (
        <p className="search-status" role="status">
          Looking through your journal…
        </p>
      );
    case 'refused':
      return (
        <p className="search-status" role="status">
          {state.message}
        </p>
      );
    case 'failed':
      return (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      );
    case 'ready':
      break;
  }
  return (
    <section aria-label="Search results">
      {state.onDevice && (
        <p className="notice notice--warning" role="status">
          Duet can't be reached right now, so these results are from this device only: the entries and comments it keeps.
        </p>
      )}
      <p className="visually-hidden" role="status">
        {state.hits.length === 0 ? 'Nothing found' : `${state.hits.length}${state.next ? ' or more' : ''} found`}
      </p>
      {state.hits.length === 0 ? (
        <p className="empty-note">
          Nothing found for “{query.trim()}”. Try fewer words or another spelling{filtered ? ', or fewer filters' : ''}.
        </p>
      ) : (
        <ol className="search-results">
          {state.hits.map((hit, i) => (
            <SearchResult key={`${JSON.stringify(hit.link)}-${i}`} journalId={journalId} hit={hit} />
          ))}
        </ol>
      )}
      {state.next && (
        <button type="button" className="button button--quiet search-more" onClick={loadMore} disabled={state.loadingMore}>
          {state.loadingMore ? 'Finding more…' : 'Show more'}
        </button>
      )}
    </section>
  );
}
