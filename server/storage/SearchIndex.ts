import type { QueryTerm } from '#shared/search/queryTerms.js';
import type { SearchKind } from '#shared/api/searchTypes.js';

/**
 * One searchable thing, as read from a stored document: an entry, an answer,
 * a love note, or one comment. A document gives one row (its `part` is '')
 * or, for a comments document, one per comment (`part` is the comment's key).
 */
export interface IndexedRow {
  journalId: string;
  /** The room the words come from. */
  doc: string;
  part: string;
  kind: SearchKind;
  /** The entry the row belongs to (an entry, or a comment on one): it hides while the entry is in the bin. */
  entryId: string | null;
  /** Where a result leads, as JSON the query hands back as it was written (see SearchLink). */
  link: string;
  /** Who wrote it, for answers, notes and comments; an entry's authors come from the journal's index. */
  authors: { id: string; name: string }[];
  /**
   * The member whose document this is while it is sealed for the others; null
   * when every member may read it. The query lets another member see the row
   * only once `accessDoc` is released (and mayOpenRoom has the last word).
   */
  ownerId: string | null;
  /** The owned document whose release opens the row (the answer, for its comments). */
  accessDoc: string | null;
  /** YYYY-MM-DD, in the couple's time zone. */
  day: string;
  /** Milliseconds; orders rows of the same day. */
  at: number;
  title: string;
  body: string;
}

/** What the journal's index says of one entry, as the search index keeps it. */
export interface IndexedEntry {
  entryId: string;
  day: string;
  createdAt: number;
  authors: { id: string; name: string }[];
  deleted: boolean;
}

/** A change to rows already indexed that does not come from their own document (an answer's question, a note's delivery day). */
export interface RowPatch {
  doc: string;
  title?: string;
  day?: string;
}

export interface SearchRequest {
  journalId: string;
  /** Who asks: sealed rows of the other member are left out unless released. */
  userId: string;
  terms: readonly QueryTerm[];
  kind: SearchKind | null;
  author: string | null;
  year: number | null;
  limit: number;
  /** Where the previous page ended (SearchIndex's own cursor text), or null for the first page. */
  after: string | null;
  now: number;
}

/** Text of a hit with the matched words between MATCH_START and MATCH_END, and nothing else marked. */
export interface StoredHit {
  kind: SearchKind;
  doc: string;
  link: string;
  entryId: string | null;
  ownerId: string | null;
  day: string;
  authors: { id: string; name: string }[];
  markedTitle: string;
  markedSnippet: string;
}

/** Private-use characters around matched words in `StoredHit` texts; removed from everything indexed, so no text can fake them. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/**
 * The full-text index of a journal's words, kept by the server from the
 * documents the relay stores (server/search/). One implementation per storage
 * backend: SQLite's FTS5 here; another backend brings its own.
 */
export interface SearchIndex {
  /** The stored version of a document (the sequence number of its last stored update; 0 when none). */
  storedVersion(doc: string): Promise<number>;
  /** Documents stored after the index last read them (or never read), with their stored version: the catch-up at start. */
  staleDocuments(): Promise<{ doc: string; version: number }[]>;
  /**
   * Replaces every row that came from `doc` with `rows` and records that the
   * index reflects the document at `version`. Rows of an entry take its day,
   * authors and bin state from what the journal's index said last.
   */
  writeDocument(doc: string, version: number, rows: readonly IndexedRow[]): Promise<void>;
  /**
   * Forgets every row of these documents and of these journals (an account deletion removed them).
   * The person's name on shared writing leaves the index with the renamed documents, re-read once stored.
   */
  forget(docs: readonly string[], journals: readonly string[]): Promise<void>;
  /**
   * Records what the journal's index (at `version`) says of these entries
   * (those that changed; entries not named stay as they were), and updates
   * their rows: day, authors, deleted or restored.
   */
  writeEntries(indexDoc: string, journalId: string, version: number, entries: readonly IndexedEntry[]): Promise<void>;
  /** Changes indexed rows whose title or day another document decides; records `version` for `fromDoc`. */
  patchRows(fromDoc: string, version: number, patches: readonly RowPatch[]): Promise<void>;
  /** The `doc` and `title`/`day` of every row of a kind in a journal, for `patchRows`' callers to compare. */
  rowsOfKind(journalId: string, kind: SearchKind): Promise<{ doc: string; title: string; day: string }[]>;
  /**
   * Matching rows the asker may see (by the rows' own marks; the caller
   * checks each again with mayOpenRoom), newest first, at most `limit`, and a
   * cursor for the next page when there may be more.
   */
  search(request: SearchRequest): Promise<{ hits: StoredHit[]; next: string | null }>;
}

/** A cursor that is not one the index made: the request is refused (400). */
export class BadCursorError extends Error {}
