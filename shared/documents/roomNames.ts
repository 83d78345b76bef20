import { isValidId } from '../model/ids.js';
import type { DocumentKind } from './DocumentKind.js';

/**
 * The room name of a document: `<journalId>/<kind>` for a kind with one
 * document per journal, `<journalId>/<kind>-<id>` for a kind with one per id.
 * The same string is the WebSocket path after `/collab/` and the key the
 * relay stores the document under, so it never changes for a kind once used.
 * Names are made and read only here (`roomName`, `docNameOf`, `validRoomId`),
 * so the registry's reading and every maker agree.
 */
export function roomName(kind: DocumentKind, journalId: string, id?: string): string {
  // Checked here, where every room name is made: an id taken from a document or a URL must never
  // carry a `/` or `..` that would point the socket at another room (the relay would resolve it).
  if (!isValidId(journalId)) throw new RangeError(`not a journal id: ${journalId}`);
  return `${journalId}/${docNameOf(kind, id)}`;
}

/** A room's name within its journal (`answer-<ownerId>.<day>`): also the key its release is stored under. */
export function docNameOf(kind: DocumentKind, id?: string): string {
  if (kind.keyed !== (id !== undefined)) throw new Error(`a ${kind.name} room ${kind.keyed ? 'needs' : 'takes no'} id`);
  if (id !== undefined && !validRoomId(kind, id)) throw new RangeError(`not a ${kind.name} room id: ${id}`);
  return id === undefined ? kind.name : `${kind.name}-${id}`;
}

/** The id of a room owned by one member: `<ownerId>.<key>`. */
export function ownedId(ownerId: string, key: string): string {
  return `${ownerId}.${key}`;
}

/**
 * The parts of an owned room's id, `<ownerId>.<key>`. Ids never contain a
 * `.`, so it splits one way; null when it is not of that form.
 */
export function splitOwnedId(id: string): { ownerId: string; key: string } | null {
  const dot = id.indexOf('.');
  if (dot < 0 || id.indexOf('.', dot + 1) >= 0) return null;
  const ownerId = id.slice(0, dot);
  return isValidId(ownerId) ? { ownerId, key: id.slice(dot + 1) } : null;
}

/** An id as a kind takes it: a plain id (a shared kind may narrow it), or for an owned kind `<ownerId>.<key>`. */
export function validRoomId(kind: DocumentKind, id: string): boolean {
  if (kind.openTo !== 'ownerUntilReleased') return isValidId(id) && (kind.validKey?.(id) ?? true);
  const owned = splitOwnedId(id);
  return owned !== null && kind.validKey!(owned.key);
}
