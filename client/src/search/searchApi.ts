import { routes } from '#shared/api/routes.js';
import type { SearchKind, SearchResults } from '#shared/api/searchTypes.js';
import { apiRequest } from '../api/request';
import { pathFor } from '../api/callRoute';

export interface SearchFilters {
  kind: SearchKind | null;
  author: string | null;
  year: number | null;
}

/** One page of the server's search of a journal (GET /api/journals/:id/search); rejects with ApiError. */
export function searchJournal(journalId: string, q: string, filters: SearchFilters, cursor: string | null): Promise<SearchResults> {
  const query = new URLSearchParams({ q });
  if (filters.kind) query.set('kind', filters.kind);
  if (filters.author) query.set('author', filters.author);
  if (filters.year !== null) query.set('year', String(filters.year));
  if (cursor) query.set('cursor', cursor);
  return apiRequest<SearchResults>('GET', `${pathFor(routes.search, { params: { id: journalId } })}?${query.toString()}`);
}
