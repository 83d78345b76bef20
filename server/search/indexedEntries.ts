import * as Y from 'yjs';
import { ENTRY_KEYS, entriesMap } from '#shared/documents/journalIndex.js';
import { isValidId } from '#shared/model/ids.js';
import type { IndexedEntry } from '../storage/SearchIndex.js';

/**
 * What search keeps of an entry in a journal's index: its day, authors and
 * whether it is in the bin (readEntries also reads titles and previews, and
 * sorts, for the timeline). Every value is checked, as any member's client
 * can write the index; null for a key that is not an entry.
 */
export function indexedEntry(doc: Y.Doc, entryId: string): IndexedEntry | null {
  const value = entriesMap(doc).get(entryId);
  if (!isValidId(entryId) || !(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const createdAt = map.get(ENTRY_KEYS.createdAt);
  const date = map.get(ENTRY_KEYS.date);
  const at = typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0;
  const authors: { id: string; name: string }[] = [];
  const authorMap = map.get(ENTRY_KEYS.authors);
  if (authorMap instanceof Y.Map) {
    for (const [id, name] of (authorMap as Y.Map<unknown>).entries()) if (typeof name === 'string') authors.push({ id, name });
  }
  return {
    entryId,
    day: typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : new Date(at).toISOString().slice(0, 10),
    createdAt: at,
    authors,
    deleted: typeof map.get(ENTRY_KEYS.deletedAt) === 'number',
  };
}

/**
 * Which entries of a journal's index changed since search last read them.
 * The index changes with every edit (titles and previews are mirrored into
 * it) and holds thousands of entries, so search reads only those: it watches
 * each index document the relay holds from the first change it is told of,
 * and reads the whole index once per document (a load, a restart).
 */
export class IndexChanges {
  private readonly dirty = new WeakMap<Y.Doc, Set<string> | 'all'>();

  /** Starts watching `doc` if it is new; cheap on the relay's hot path (a set of keys per change). */
  watch(doc: Y.Doc): void {
    if (this.dirty.has(doc)) return;
    this.dirty.set(doc, 'all');
    const entries = entriesMap(doc);
    entries.observeDeep((events) => {
      const changed = this.dirty.get(doc);
      if (changed === 'all' || changed === undefined) return;
      for (const event of events) {
        if (event.target === entries) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) changed.add(key);
        else if (typeof event.path[0] === 'string') changed.add(event.path[0]);
      }
    });
  }

  /** The entries changed since the last call (every entry the first time), and forgets them. */
  take(doc: Y.Doc): IndexedEntry[] {
    const changed = this.dirty.get(doc) ?? 'all';
    this.dirty.set(doc, new Set());
    const ids = changed === 'all' ? [...entriesMap(doc).keys()] : [...changed];
    return ids.map((id) => indexedEntry(doc, id)).filter((e): e is IndexedEntry => e !== null);
  }

  /** Reading them failed: the next time reads every entry again. */
  retryAll(doc: Y.Doc): void {
    if (this.dirty.has(doc)) this.dirty.set(doc, 'all');
  }
}
