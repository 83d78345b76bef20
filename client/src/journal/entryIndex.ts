import * as Y from 'yjs';
import { newId } from '#shared/model/ids.js';
import { ENTRIES_FIELD } from '#shared/model/journalIndex.js';

/**
 * The journal's index document: `entries` maps entryId to a Y.Map describing
 * the entry. The timeline reads only this document, so a journal with years of
 * entries opens without loading any entry body.
 */

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

export function entriesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ENTRIES_FIELD);
}

function str(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
}

function num(map: Y.Map<unknown>, key: string): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Any member's client can write the index, so every field is checked on the way out. */
function readEntry(id: string, value: unknown): EntrySummary | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const authorsValue = map.get('authors');
  const authors: EntryAuthor[] = [];
  if (authorsValue instanceof Y.Map) {
    for (const [authorId, name] of (authorsValue as Y.Map<unknown>).entries()) {
      if (typeof name === 'string') authors.push({ id: authorId, name });
    }
  }
  const deletedAt = map.get('deletedAt');
  const createdAt = num(map, 'createdAt');
  return {
    id,
    title: str(map, 'title'),
    preview: str(map, 'preview'),
    date: str(map, 'date') || localDay(new Date(createdAt)),
    createdAt,
    createdBy: str(map, 'createdBy'),
    updatedAt: num(map, 'updatedAt') || createdAt,
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

export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

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
    entry.set('id', id);
    entry.set('title', '');
    entry.set('preview', '');
    entry.set('date', localDay(now));
    entry.set('createdAt', now.getTime());
    entry.set('createdBy', author.id);
    entry.set('updatedAt', now.getTime());
    entry.set('authors', authors);
    entry.set('deletedAt', null);
    entriesMap(doc).set(id, entry);
  });
  return id;
}

function entryMap(doc: Y.Doc, entryId: string): Y.Map<unknown> | null {
  const value = entriesMap(doc).get(entryId);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** Soft delete: the entry document is kept, so undo is a matter of clearing the flag. */
export function setEntryDeleted(doc: Y.Doc, entryId: string, deleted: boolean): void {
  const entry = entryMap(doc, entryId);
  if (!entry) return;
  entry.set('deletedAt', deleted ? Date.now() : null);
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
    if (entry.get('title') !== update.title) entry.set('title', update.title);
    if (entry.get('preview') !== update.preview) entry.set('preview', update.preview);
    // Any change, a comment's mark included, is a new version for background sync to fetch.
    entry.set('updatedAt', update.at);
    // The list is made with the entry (the relay refuses setting it again), so it is always there.
    const authors = entry.get('authors');
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
  if (entry.get('title') === text.title && entry.get('preview') === text.preview) return true;
  doc.transact(() => {
    if (entry.get('title') !== text.title) entry.set('title', text.title);
    if (entry.get('preview') !== text.preview) entry.set('preview', text.preview);
  });
  return true;
}
