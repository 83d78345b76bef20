import type { DocumentKind } from './DocumentKind.js';

/**
 * The room name of a document: `<journalId>/<kind>` for a kind with one
 * document per journal, `<journalId>/<kind>-<id>` for a kind with one per id.
 * The same string is the WebSocket path after `/collab/` and the key the
 * relay stores the document under, so it never changes for a kind once used.
 */
export function roomName(kind: DocumentKind, journalId: string, id?: string): string {
  if (kind.keyed !== (id !== undefined)) throw new Error(`a ${kind.name} room ${kind.keyed ? 'needs' : 'takes no'} id`);
  return id === undefined ? `${journalId}/${kind.name}` : `${journalId}/${kind.name}-${id}`;
}
