import * as Y from 'yjs';
import type { CommentSummary } from '../model/commentSummary.js';
import { isValidId, newId } from '../model/ids.js';
import type { DocumentKind, DocumentRule, DocumentWriter } from './DocumentKind.js';
import type { DocumentShape } from './documentShape.js';
import { photosMap } from './indexPhotos.js';
import { roomName } from './roomNames.js';

/**
 * A journal's index document (`<journalId>/index`): what the timeline shows,
 * so a journal with years of entries opens without loading any entry body.
 *
 * - `getMap('entries')`: entry id → a Y.Map with the keys in `ENTRY_KEYS`;
 *   `authors` is a nested Y.Map of user id → name.
 * - `getMap('commentSummaries')`: entry id → the entry's `CommentSummary` as
 *   JSON text, written only by the server.
 * - `getMap('photos')`: photo id → the photo's record as JSON text, written
 *   only by the server (shared/documents/indexPhotos.ts).
 *
 * Both members write the entries (creating, mirroring titles, soft-deleting,
 * offline too), so the relay checks each change against `journalIndexRule`.
 * Any member's client can write the index, so every value is checked when read.
 */
export const ENTRIES_FIELD = 'entries';
export const COMMENT_SUMMARIES_FIELD = 'commentSummaries';

/** The keys of an entry's record in `entries`. */
export const ENTRY_KEYS = {
  id: 'id',
  title: 'title',
  preview: 'preview',
  /** YYYY-MM-DD, the writer's local day when the entry was created. */
  date: 'date',
  createdAt: 'createdAt',
  createdBy: 'createdBy',
  updatedAt: 'updatedAt',
  authors: 'authors',
  /** null, or when the entry was moved to the bin. */
  deletedAt: 'deletedAt',
} as const;

export const AUTHORS_KEY = ENTRY_KEYS.authors;
export const CREATED_BY_KEY = ENTRY_KEYS.createdBy;

export interface EntryAuthor {
  id: string;
  name: string;
}

export interface EntrySummary {
  id: string;
  title: string;
  preview: string;
  /** YYYY-MM-DD, the writer's local day when the entry was created. */
  date: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  authors: EntryAuthor[];
  deletedAt: number | null;
}

/** Plain text kept in the index for the timeline's preview. */
export const PREVIEW_CHARS = 160;

// ---- Reading ----

export function entriesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ENTRIES_FIELD);
}

/** The map of comment summaries, to observe; read values with `readCommentSummary`. */
export function commentSummariesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(COMMENT_SUMMARIES_FIELD);
}

function str(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
}

function num(map: Y.Map<unknown>, key: string): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function readEntry(id: string, value: unknown): EntrySummary | null {
  // An id that is not one would become a room name that points somewhere else (`x/../answer-…`).
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const authorsValue = map.get(ENTRY_KEYS.authors);
  const authors: EntryAuthor[] = [];
  if (authorsValue instanceof Y.Map) {
    for (const [authorId, name] of (authorsValue as Y.Map<unknown>).entries()) {
      if (typeof name === 'string') authors.push({ id: authorId, name });
    }
  }
  const deletedAt = map.get(ENTRY_KEYS.deletedAt);
  const createdAt = num(map, ENTRY_KEYS.createdAt);
  return {
    id,
    title: str(map, ENTRY_KEYS.title),
    preview: str(map, ENTRY_KEYS.preview),
    date: str(map, ENTRY_KEYS.date) || localDay(new Date(createdAt)),
    createdAt,
    createdBy: str(map, ENTRY_KEYS.createdBy),
    updatedAt: num(map, ENTRY_KEYS.updatedAt) || createdAt,
    authors,
    deletedAt: typeof deletedAt === 'number' ? deletedAt : null,
  };
}

/** Every entry, deleted ones included, newest first. */
export function readEntries(doc: Y.Doc): EntrySummary[] {
  const entries: EntrySummary[] = [];
  for (const [id, value] of entriesMap(doc).entries()) {
    const entry = readEntry(id, value);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

export function readEntrySummary(doc: Y.Doc, entryId: string): EntrySummary | null {
  return readEntry(entryId, entriesMap(doc).get(entryId));
}

/** A summary as stored (JSON text); null for anything that is not one. */
export function parseCommentSummary(json: unknown): CommentSummary | null {
  if (typeof json !== 'string') return null;
  try {
    const value = JSON.parse(json) as CommentSummary;
    const valid =
      typeof value?.count === 'number' && typeof value.version === 'number' && typeof value.latestFor === 'object' && typeof value.unreadFor === 'object';
    return valid ? value : null;
  } catch {
    return null;
  }
}

/** An entry's comment summary; null when it never had a comment (or the record is damaged). */
export function readCommentSummary(doc: Y.Doc, entryId: string): CommentSummary | null {
  return parseCommentSummary(commentSummariesMap(doc).get(entryId));
}

export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

// ---- Writing (members) ----

/**
 * Adds a new, empty entry and returns its id. The id is made here so an entry
 * can be created offline; the whole Y.Map goes in in one transaction so no
 * client ever sees a half-made entry.
 */
export function createEntry(doc: Y.Doc, author: EntryAuthor, now = new Date()): string {
  const id = newId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    const authors = new Y.Map<string>();
    authors.set(author.id, author.name);
    entry.set(ENTRY_KEYS.id, id);
    entry.set(ENTRY_KEYS.title, '');
    entry.set(ENTRY_KEYS.preview, '');
    entry.set(ENTRY_KEYS.date, localDay(now));
    entry.set(ENTRY_KEYS.createdAt, now.getTime());
    entry.set(ENTRY_KEYS.createdBy, author.id);
    entry.set(ENTRY_KEYS.updatedAt, now.getTime());
    entry.set(ENTRY_KEYS.authors, authors);
    entry.set(ENTRY_KEYS.deletedAt, null);
    entriesMap(doc).set(id, entry);
  });
  return id;
}

function entryMap(doc: Y.Doc, entryId: string): Y.Map<unknown> | null {
  const value = entriesMap(doc).get(entryId);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** Soft delete: the entry document is kept, so undo is a matter of clearing the flag. */
export function setEntryDeleted(doc: Y.Doc, entryId: string, deleted: boolean, now = Date.now()): void {
  const entry = entryMap(doc, entryId);
  if (!entry) return;
  entry.set(ENTRY_KEYS.deletedAt, deleted ? now : null);
}

/** Copies what the timeline shows from the entry document into its index record; false if the entry is not in the index. */
export function mirrorEntry(
  doc: Y.Doc,
  entryId: string,
  /** `author` is null when the change was not to the words (a comment's mark): nobody is credited. */
  update: { title: string; preview: string; author: EntryAuthor | null; at: number },
): boolean {
  const entry = entryMap(doc, entryId);
  if (!entry) return false;
  doc.transact(() => {
    if (entry.get(ENTRY_KEYS.title) !== update.title) entry.set(ENTRY_KEYS.title, update.title);
    if (entry.get(ENTRY_KEYS.preview) !== update.preview) entry.set(ENTRY_KEYS.preview, update.preview);
    // Any change, a comment's mark included, is a new version for background sync to fetch.
    entry.set(ENTRY_KEYS.updatedAt, update.at);
    // The list is made with the entry (the relay refuses setting it again), so it is always there.
    const authors = entry.get(ENTRY_KEYS.authors);
    if (!update.author || !(authors instanceof Y.Map)) return;
    const authorMap = authors as Y.Map<unknown>;
    if (authorMap.get(update.author.id) !== update.author.name) authorMap.set(update.author.id, update.author.name);
  });
  return true;
}

/**
 * Sets an entry's title and preview in the index when they differ, and
 * nothing else: used after a merge (offline words meeting the partner's), so
 * the timeline shows the merged text without crediting anyone as its author.
 */
export function setEntryText(doc: Y.Doc, entryId: string, text: { title: string; preview: string }): boolean {
  const entry = entryMap(doc, entryId);
  if (!entry) return false;
  if (entry.get(ENTRY_KEYS.title) === text.title && entry.get(ENTRY_KEYS.preview) === text.preview) return true;
  doc.transact(() => {
    if (entry.get(ENTRY_KEYS.title) !== text.title) entry.set(ENTRY_KEYS.title, text.title);
    if (entry.get(ENTRY_KEYS.preview) !== text.preview) entry.set(ENTRY_KEYS.preview, text.preview);
  });
  return true;
}

// ---- Writing (server) ----

/** Stores an entry's comment summary; writes nothing when it is what the index already holds. */
export function writeCommentSummary(doc: Y.Doc, entryId: string, summary: CommentSummary): void {
  const json = JSON.stringify(summary);
  const summaries = commentSummariesMap(doc);
  if (summaries.get(entryId) !== json) summaries.set(entryId, json);
}

// ---- The relay's rule ----

/** Keys of an entry that stay as they were created (authors grow inside the list, never by replacing it). */
const FIXED_KEYS = new Set<string>([ENTRY_KEYS.id, ENTRY_KEYS.createdBy, ENTRY_KEYS.createdAt, ENTRY_KEYS.authors]);

export interface IndexWriter {
  id: string;
  name: string;
}

/** What is wrong with an authors map written by `writer` (only their own name, spelled as their account has it). */
function authorsProblem(value: unknown, writer: IndexWriter): string | null {
  if (!(value instanceof Y.Map)) return 'an entry is created with its list of authors';
  for (const [id, name] of value.entries()) {
    if (id !== writer.id || name !== writer.name) return 'an entry may list only its writer as a new author';
  }
  return null;
}

/**
 * Why the changes in `events` (from observeDeep on the entries map, for one
 * client's update) are not allowed for `writer`, or null when they are.
 * Written for the relay's copy after applying the update, so concurrent
 * changes that merged with it are judged as they now stand.
 */
export function indexChangeProblem(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  events: readonly Y.YEvent<any>[],
  entries: Y.Map<unknown>,
  writer: IndexWriter,
): string | null {
  for (const event of events) {
    if (!(event.target instanceof Y.Map)) continue;
    const map = event.target as Y.Map<unknown>;
    for (const [key, change] of event.changes.keys) {
      if (map === entries) {
        // A whole entry: created (with its creator and first author) or never removed or replaced.
        if (change.action !== 'add') return 'entries are never removed from the index';
        // The key becomes part of a room name on every member's device: only a plain id, the entry's own.
        if (!isValidId(key)) return 'an entry id is 8 to 64 letters, digits, _ or -';
        const entry = entries.get(key);
        if (!(entry instanceof Y.Map)) return 'an entry must be a map';
        if (entry.get(ENTRY_KEYS.createdBy) !== writer.id) return 'an entry is created by its writer';
        // Created with its list of authors, holding only its writer; the list itself is never set again.
        const problem = authorsProblem(entry.get(ENTRY_KEYS.authors), writer);
        if (problem) return problem;
      } else if (map.parent === entries) {
        if (FIXED_KEYS.has(key)) return `an entry's ${key} does not change`;
      } else if (map.parent instanceof Y.Map && map.parent.parent === entries && map._item?.parentSub === ENTRY_KEYS.authors) {
        if (key !== writer.id || change.action === 'delete' || map.get(key) !== writer.name) return 'you can add only your own name as an author';
      }
    }
  }
  return null;
}

/**
 * Members change the entries, but only ever under their own name (nobody can
 * put the partner's name on an entry, take it off, or rewrite who created
 * it); the comment summaries and the photo records are the server's alone.
 * Watching the server's maps makes them exist in the relay's copy before any
 * update applies, so a member's update can only change them, never create them.
 */
export const journalIndexRule: DocumentRule = {
  watch: (doc) => [entriesMap(doc), commentSummariesMap(doc), photosMap(doc)],
  check: (events, doc, writer: DocumentWriter) => {
    const summaries = commentSummariesMap(doc);
    const photos = photosMap(doc);
    if (events.some((event) => event.target === summaries)) return 'comment summaries are written by the server';
    if (events.some((event) => event.target === photos)) return 'photo records are written by the server';
    return indexChangeProblem(
      events.filter((event) => event.target !== summaries),
      entriesMap(doc),
      { id: writer.userId, name: writer.userName },
    );
  },
};

// ---- The kind ----

/** `entries` maps an entry id to a map that holds an `authors` map, so maps two deep. Room for some 50,000 entries. */
export const INDEX_SHAPE: DocumentShape = {
  maxDepth: 2,
  maxTypesPerUpdate: 20_000,
  maxStructsPerUpdate: 50_000,
  maxTypes: 100_000,
  maxRoots: 8,
  maxClientsPerUpdate: 256,
  maxClients: 200_000,
  nestedKinds: new Set(['map']),
};

export const journalIndexDocument: DocumentKind = {
  name: 'index',
  keyed: false,
  openTo: 'members',
  writtenBy: 'members',
  rule: journalIndexRule,
  shape: INDEX_SHAPE,
};

export const indexRoom = (journalId: string): string => roomName(journalIndexDocument, journalId);
