import { isValidId } from '../model/ids.js';
import type { DocumentKind } from './DocumentKind.js';

/**
 * The room name of a document: `<journalId>/<kind>` for a kind with one
 * document per journal, `<journalId>/<kind>-<id>` for a kind with one per id.
 * The same string is the WebSocket path after `/collab/` and the key the
 * relay stores the document under, so it never changes for a kind once used.
 */
export function roomName(kind: DocumentKind, journalId: string, id?: string): string {
  if (kind.keyed !== (id !== undefined)) throw new Error(`a ${kind.name} room ${kind.keyed ? 'needs' : 'takes no'} id`);
  // Checked here, where every room name is made: an id taken from a document or a URL must never
  // carry a `/` or `..` that would point the socket at another room (the relay would resolve it).
  if (!isValidId(journalId) || (id !== undefined && !validRoomId(kind, id))) throw new RangeError(`not a ${kind.name} room id: ${journalId}/${id ?? ''}`);
  return id === undefined ? `${journalId}/${kind.name}` : `${journalId}/${kind.name}-${id}`;
}

/** An id as a kind takes it: a plain id, or for a kind owned by one member `<ownerId>.<key>`. */
function validRoomId(kind: DocumentKind, id: string): boolean {
  if (kind.openTo !== 'ownerUntilReleased') return isValidId(id) && (kind.validKey?.(id) ?? true);
  const dot = id.indexOf('.');
  return dot > 0 && id.indexOf('.', dot + 1) < 0 && isValidId(id.slice(0, dot)) && kind.validKey!(id.slice(dot + 1));
}
