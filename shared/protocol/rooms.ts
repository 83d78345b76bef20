/**
 * Where rooms are on the wire. A room is one Yjs document; its name is
 * `<journalId>/<docName>` (what WebsocketProvider calls `roomname`), and its
 * socket is at `/collab/<room name>`. How names are built and read, and what
 * each kind of document is, is in `shared/documents/` (`registry.ts` lists
 * the kinds).
 */
export const COLLAB_PATH_PREFIX = '/collab/';
