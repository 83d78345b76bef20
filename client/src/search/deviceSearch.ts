import type * as Y from 'yjs';
import type { SearchHit } from '#shared/api/searchTypes.js';
import { commentsRoom, readThreads } from '#shared/documents/comments.js';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { indexRoom, localDay, readEntries } from '#shared/documents/journalIndex.js';
import { fragmentPlainText } from '#shared/documents/plainText.js';
import { highlightSegments } from '#shared/search/highlight.js';
import { matchesAll, type QueryTerm, searchWords } from '#shared/search/queryTerms.js';
import type { SyncEngine } from '../sync/SyncEngine';
import type { SearchFilters } from './searchApi';

/** Words either side of the first match in a snippet, as the server's. */
const SNIPPET_WORDS = 24;

/**
 * Search without the server: the entries this device holds (the sync engine
 * keeps each journal's newest entries, with their comments) and what the
 * journal's index says of them. Answers and notes are left to the server,
 * which knows what has been released. Newest first, like the server.
 */
export async function searchOnDevice(engine: SyncEngine, journalId: string, terms: readonly QueryTerm[], filters: SearchFilters): Promise<SearchHit[]> {
  const docs = await engine.readDeviceCopies(`${journalId}/`);
  try {
    const index = docs.get(indexRoom(journalId));
    if (!index) return [];
    const hits: (SearchHit & { at: number })[] = [];
    for (const entry of readEntries(index)) {
      if (entry.deletedAt !== null) continue;
      if (filters.year !== null && !entry.date.startsWith(`${filters.year}-`)) continue;
      const doc = docs.get(entryRoom(journalId, entry.id));
      if (doc && (filters.kind === null || filters.kind === 'entry') && (!filters.author || entry.authors.some((a) => a.id === filters.author))) {
        const title = entryTitle(doc).toString() || entry.title;
        const body = fragmentPlainText(entryBody(doc), 1_000_000);
        if (matchesAll(searchWords(`${title} ${body}`), terms)) {
          hits.push({
            kind: 'entry',
            link: { to: 'entry', entryId: entry.id },
            day: entry.date,
            authors: entry.authors,
            title: highlightSegments(title, terms),
            snippet: highlightSegments(body, terms, SNIPPET_WORDS),
            at: entry.createdAt,
          });
        }
      }
      const comments = docs.get(commentsRoom(journalId, entry.id));
      if (comments && (filters.kind === null || filters.kind === 'comment')) hits.push(...commentHits(comments, entry.id, terms, filters));
    }
    return hits.sort((x, y) => y.day.localeCompare(x.day) || y.at - x.at).map(({ at: _at, ...hit }) => hit);
  } finally {
    for (const doc of docs.values()) doc.destroy();
  }
}

function commentHits(doc: Y.Doc, entryId: string, terms: readonly QueryTerm[], filters: SearchFilters): (SearchHit & { at: number })[] {
  const hits: (SearchHit & { at: number })[] = [];
  for (const thread of readThreads(doc).values()) {
    for (const comment of thread.comments) {
      if (comment.deletedAt !== null || (filters.author && comment.author.id !== filters.author)) continue;
      if (!matchesAll(searchWords(`${thread.quote} ${comment.text}`), terms)) continue;
      hits.push({
        kind: 'comment',
        link: { to: 'entry', entryId, threadId: thread.id },
        day: localDay(new Date(comment.createdAt)),
        authors: [comment.author],
        title: highlightSegments(thread.quote, terms),
        snippet: highlightSegments(comment.text, terms, SNIPPET_WORDS),
        at: comment.createdAt,
      });
    }
  }
  return hits;
}
