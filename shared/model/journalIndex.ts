import * as Y from 'yjs';

/**
 * The journal index document (`<journalId>/index`): `getMap('entries')` maps
 * an entry id to a Y.Map of what the timeline shows (see README). Both members
 * write it (creating, mirroring titles, soft-deleting, offline too), so the
 * relay checks each change against these rules: nobody can put the partner's
 * name on an entry, take it off, or rewrite who created it.
 */
export const ENTRIES_FIELD = 'entries';
export const AUTHORS_KEY = 'authors';
export const CREATED_BY_KEY = 'createdBy';

/** Keys of an entry that stay as they were created (authors grow inside the list, never by replacing it). */
const FIXED_KEYS = new Set(['id', CREATED_BY_KEY, 'createdAt', AUTHORS_KEY]);

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
        const entry = entries.get(key);
        if (!(entry instanceof Y.Map)) return 'an entry must be a map';
        if (entry.get(CREATED_BY_KEY) !== writer.id) return 'an entry is created by its writer';
        // Created with its list of authors, holding only its writer; the list itself is never set again.
        const problem = authorsProblem(entry.get(AUTHORS_KEY), writer);
        if (problem) return problem;
      } else if (map.parent === entries) {
        if (FIXED_KEYS.has(key)) return `an entry's ${key} does not change`;
      } else if (map.parent instanceof Y.Map && map.parent.parent === entries && map._item?.parentSub === AUTHORS_KEY) {
        if (key !== writer.id || change.action === 'delete' || map.get(key) !== writer.name) return 'you can add only your own name as an author';
      }
    }
  }
  return null;
}
