import { isValidId } from '../model/ids.js';
import type { DocumentKind } from './DocumentKind.js';
import { commentsDocument } from './comments.js';
import { entryDocument } from './entry.js';
import { journalIndexDocument } from './journalIndex.js';

/** A room name read back: which journal, which kind, and the id for a keyed kind. */
export interface ParsedRoom {
  journalId: string;
  kind: DocumentKind;
  /** The entry id (or for a kind private to its owner, the owner's user id); null for one per journal. */
  id: string | null;
}

/** Who asks to open a room: a member of its journal (membership is checked before the kind is asked). */
export interface RoomVisitor {
  userId: string;
}

export interface DocumentRegistry {
  readonly kinds: readonly DocumentKind[];
  /** Reads a room name; null for anything that is not a well-formed room of a known kind. */
  parse(roomName: string): ParsedRoom | null;
}

/** A registry of `kinds`; throws when two share a name, since their rooms could not be told apart. */
export function createDocumentRegistry(kinds: readonly DocumentKind[]): DocumentRegistry {
  const byName = new Map<string, DocumentKind>();
  for (const kind of kinds) {
    if (!/^[a-z][a-zA-Z]*$/.test(kind.name)) throw new Error(`a document kind's name is letters only: ${kind.name}`);
    if (byName.has(kind.name)) throw new Error(`two document kinds are named ${kind.name}`);
    if (kind.openTo === 'owner' && !kind.keyed) throw new Error(`${kind.name}: a kind private to its owner names the owner in its id`);
    byName.set(kind.name, kind);
  }
  return {
    kinds,
    parse(roomName) {
      const parts = roomName.split('/');
      if (parts.length !== 2) return null;
      const [journalId, docName] = parts;
      if (!isValidId(journalId)) return null;
      // Names are letters only and ids never start a room name, so the first `-` ends the kind's name.
      const dash = docName.indexOf('-');
      const kind = byName.get(dash < 0 ? docName : docName.slice(0, dash));
      if (!kind) return null;
      if (!kind.keyed) return dash < 0 ? { journalId, kind, id: null } : null;
      const id = docName.slice(dash + 1);
      return dash >= 0 && isValidId(id) ? { journalId, kind, id } : null;
    },
  };
}

/**
 * Whether `visitor`, a member of the room's journal, may open it. Checked at
 * the WebSocket upgrade, before any socket opens (403 otherwise).
 */
export function mayOpen(room: ParsedRoom, visitor: RoomVisitor): boolean {
  switch (room.kind.openTo) {
    case 'members':
      return true;
    case 'owner':
      return room.id === visitor.userId;
  }
}

/** Every kind of shared document Duet has. A new kind is a file in this folder and a line here. */
export const DOCUMENTS: DocumentRegistry = createDocumentRegistry([
  journalIndexDocument,
  entryDocument,
  commentsDocument,
]);
