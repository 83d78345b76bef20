import { DOCUMENTS } from '../documents/registry.js';

/**
 * Where rooms are on the wire. A room is one Yjs document; its name is
 * `<journalId>/<docName>` (what WebsocketProvider calls `roomname`), and its
 * socket is at `/collab/<room name>`. How names are built and read, and what
 * each kind of document is, is in `shared/documents/` (`registry.ts` lists
 * the kinds).
 */
export const COLLAB_PATH_PREFIX = '/collab/';

// Builders and the id check, re-exported for code being moved in parallel
// (client/src/collab, server/transport, tests); new code imports shared/documents.
export { isValidId } from '../model/ids.js';
export { indexRoom } from '../documents/journalIndex.js';
export { entryRoom } from '../documents/entry.js';
export { commentsRoom } from '../documents/comments.js';

/** The rooms of the first three kinds, in the shape callers of `parseRoomName` knew. */
export type RoomRef =
  | { journalId: string; kind: 'index' }
  | { journalId: string; kind: 'entry'; entryId: string }
  | { journalId: string; kind: 'comments'; entryId: string };

/**
 * Parses a room name of the index, entry or comments kind; null for anything
 * else. New code uses `DOCUMENTS.parse`, which knows every kind.
 */
export function parseRoomName(name: string): RoomRef | null {
  const room = DOCUMENTS.parse(name);
  if (!room) return null;
  const { journalId, kind, id } = room;
  if (kind.name === 'index') return { journalId, kind: 'index' };
  if ((kind.name === 'entry' || kind.name === 'comments') && id !== null) return { journalId, kind: kind.name, entryId: id };
  return null;
}
