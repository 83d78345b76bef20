import type { SearchHit, SearchKind, SearchLink, SearchResults } from '#shared/api/searchTypes.js';
import type { DocumentRegistry } from '#shared/documents/registry.js';
import type { QueryTerm } from '#shared/search/queryTerms.js';
import { mayOpenRoom } from '../auth/roomAccess.js';
import type { Storage } from '../storage/Storage.js';
import { markedSegments } from './markedSegments.js';

export interface JournalSearchRequest {
  journalId: string;
  userId: string;
  terms: readonly QueryTerm[];
  kind: SearchKind | null;
  author: string | null;
  year: number | null;
  limit: number;
  cursor: string | null;
}

/**
 * Answers a member's search of their journal from the index: the index
 * narrows by each row's marks (sealed rows of the other member only once
 * released), then every hit from a document not open to all members is
 * judged again by mayOpenRoom, the one rule every way into a document uses.
 * The caller has checked membership.
 */
export class JournalSearch {
  constructor(
    private readonly storage: Storage,
    private readonly documents: DocumentRegistry,
    private readonly now: () => number,
  ) {}

  async search(request: JournalSearchRequest): Promise<SearchResults> {
    const now = this.now();
    const { hits, next } = await this.storage.search.search({
      journalId: request.journalId,
      userId: request.userId,
      terms: request.terms,
      kind: request.kind,
      author: request.author,
      year: request.year,
      limit: request.limit,
      after: request.cursor,
      now,
    });
    const results: SearchHit[] = [];
    for (const hit of hits) {
      if (hit.ownerId !== null && hit.ownerId !== request.userId) {
        const room = this.documents.parse(hit.doc);
        if (!room || room.journalId !== request.journalId || !(await mayOpenRoom(this.storage, room, request.userId, now))) continue;
      }
      results.push({
        kind: hit.kind,
        link: JSON.parse(hit.link) as SearchLink,
        day: hit.day,
        authors: hit.authors,
        title: markedSegments(hit.markedTitle),
        snippet: markedSegments(hit.markedSnippet),
      });
    }
    return { hits: results, next };
  }
}
