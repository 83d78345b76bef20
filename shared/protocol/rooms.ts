/**
 * Room naming. A room is one Yjs document. A journal has one index document
 * (the list of entries) and one document per entry, so a journal with years of
 * daily entries opens by loading only its index.
 *
 *   WebSocket URL:  /collab/<journalId>/<docName>
 *   room name:      <journalId>/<docName>      (what WebsocketProvider calls `roomname`)
 *   docName:        "index" | "entry-<entryId>"
 */
export const COLLAB_PATH_PREFIX = '/collab/';

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export type RoomRef =
  | { journalId: string; kind: 'index' }
  | { journalId: string; kind: 'entry'; entryId: string };

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function indexRoom(journalId: string): string {
  return `${journalId}/index`;
}

export function entryRoom(journalId: string, entryId: string): string {
  return `${journalId}/entry-${entryId}`;
}

/** Parses a room name; returns null for anything that is not a well-formed Duet room. */
export function parseRoomName(name: string): RoomRef | null {
  const parts = name.split('/');
  if (parts.length !== 2) return null;
  const [journalId, docName] = parts;
  if (!isValidId(journalId)) return null;
  if (docName === 'index') return { journalId, kind: 'index' };
  if (docName.startsWith('entry-')) {
    const entryId = docName.slice('entry-'.length);
    if (isValidId(entryId)) return { journalId, kind: 'entry', entryId };
  }
  return null;
}
