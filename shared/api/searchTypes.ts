import * as v from 'valibot';
import { isValidId } from '../model/ids.js';
import { MAX_QUERY_CHARS } from '../search/queryTerms.js';

/** What search finds: entries (title and words), answers to the day's question, love notes, comments. */
export const SEARCH_KINDS = ['entry', 'answer', 'note', 'comment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A piece of a title or snippet: text, and whether it is a word that matched. Never markup. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Where a result leads. A comment leads to its entry or answer, with its thread. */
export type SearchLink =
  | { to: 'entry'; entryId: string; threadId?: string }
  | { to: 'answer'; day: string; ownerId: string; threadId?: string }
  | { to: 'note'; noteId: string; writerId: string };

export interface SearchHit {
  kind: SearchKind;
  link: SearchLink;
  /** YYYY-MM-DD in the couple's time zone: an entry's day, an answer's day, a note's delivery, a comment's writing. */
  day: string;
  authors: { id: string; name: string }[];
  /** An entry's title, an answer's question, a comment's quoted phrase; empty for a note. */
  title: Segment[];
  snippet: Segment[];
}

export interface SearchResults {
  hits: SearchHit[];
  /** Pass as `cursor` for the next page; null when this was the last. */
  next: string | null;
}

/** Results come newest first (by day, then time); these are the most one page holds. */
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 20;

const kindMessage = `kind must be one of ${SEARCH_KINDS.join(', ')}.`;
const yearMessage = 'year must be a year such as 2024.';
const limitMessage = `limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`;

/**
 * The query string of `GET /api/journals/:id/search`, as the server reads it:
 * every value arrives as text, and an empty one counts as absent.
 */
export const SearchQuery = v.object({
  q: v.pipe(v.string('Type a word to search for (q).'), v.maxLength(MAX_QUERY_CHARS, `Search for at most ${MAX_QUERY_CHARS} characters at a time.`)),
  kind: v.optional(v.picklist(SEARCH_KINDS, kindMessage)),
  author: v.optional(v.pipe(v.string(), v.check(isValidId, 'author must be a member’s id.'))),
  year: v.optional(
    v.pipe(v.string(), v.regex(/^\d{4}$/, yearMessage), v.transform(Number), v.minValue(1970, yearMessage), v.maxValue(9999, yearMessage)),
  ),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, limitMessage), v.transform(Number), v.minValue(1, limitMessage), v.maxValue(MAX_SEARCH_LIMIT, limitMessage)),
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200, 'That page of results is not one search gave.'))),
});

export type SearchParams = v.InferInput<typeof SearchQuery>;
