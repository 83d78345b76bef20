import * as v from 'valibot';
import { routes } from '#shared/api/routes.js';
import { DEFAULT_SEARCH_LIMIT, SearchQuery } from '#shared/api/searchTypes.js';
import { parseQuery } from '#shared/search/queryTerms.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import type { JournalSearch } from '../../search/JournalSearch.js';
import { BadCursorError } from '../../storage/SearchIndex.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import { requireMembership } from './journalRoutes.js';

/** The query string as the schema reads it: the first value of each name, an empty one as absent. */
function queryOf(url: string | undefined): Record<string, string> {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  const values: Record<string, string> = {};
  for (const name of Object.keys(SearchQuery.entries)) {
    const value = params.get(name);
    if (value !== null && (value !== '' || name === 'q')) values[name] = value;
  }
  return values;
}

/** `GET /api/journals/:id/search`: a member searches the journal (docs/design/memories.md, "Search"). */
export function searchRoutes(app: AppContext, router: Router, search: JournalSearch): void {
  serveRoute(router, routes.search, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const checked = v.safeParse(SearchQuery, queryOf(ctx.req.url));
    if (!checked.success) throw new HttpError(400, 'invalid_input', checked.issues[0].message);
    const query = checked.output;
    const parsed = parseQuery(query.q);
    if (!parsed.ok) throw new HttpError(400, 'bad_query', parsed.message);
    try {
      const results = await search.search({
        journalId: ctx.params.id,
        userId: user.id,
        terms: parsed.terms,
        kind: query.kind ?? null,
        author: query.author ?? null,
        year: query.year ?? null,
        limit: query.limit ?? DEFAULT_SEARCH_LIMIT,
        cursor: query.cursor ?? null,
      });
      return { body: results };
    } catch (error) {
      if (error instanceof BadCursorError) throw new HttpError(400, 'invalid_input', error.message);
      throw error;
    }
  });
}
