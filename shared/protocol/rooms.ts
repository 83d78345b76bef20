/**
 * Room naming. A room is one Yjs document. A journal has one index document
 * (the list of entries) and one document per entry, so a journal with years of
 * daily entries opens by loading only its index.
 *
 *   WebSocket URL:  /collab/<journalId>/<docName>
 *   room name:      <journalId>/<docName>      (what WebsocketProvider calls `roomname`)
 *   docName:        "index" | "entry-<entryId>" | "comments-<entryId>"
 *
 * A comments document is written only by the server (through the HTTP API,
 * which checks who may do what); clients read it like any other document.
 */
export const COLLAB_PATH_PREFIX = '/collab/';

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export type RoomRef =
  | { journalId: string; kind: 'index' }
  | { journalId: string; kind: 'entry'; entryId: string }
  | { journalId: string; kind: 'comments'; entryId: string };

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function indexRoom(journalId: string): string {
  return `${journalId}/index`;
}

export function entryRoom(journalId: string, entryId: string): string {
  return `${journalId}/entry-${entryId}`;
}

export function commentsRoom(journalId: string, entryId: string): string {
  return `${journalId}/comments-${entryId}`;
}

/** Parses a room name; returns null for anything that is not a well-formed Duet room. */
export function parseRoomName(name: string): RoomRef | null {
  const parts = name.split('/');
  if (parts.length !== 2) return null;
  const [journalId, docName] = parts;
  if (!isValidId(journalId)) return null;
  if (docName === 'index') return { journalId, kind: 'index' };
  for (const kind of ['entry', 'comments'] as const) {
    if (!docName.startsWith(`${kind}-`)) continue;
    const entryId = docName.slice(kind.length + 1);
    if (isValidId(entryId)) return { journalId, kind, entryId };
  }
  return null;
}
