import { isValidId } from '../model/ids.js';
import type { DocumentKind, DocumentRule } from './DocumentKind.js';
import { splitOwnedId, validRoomId } from './roomNames.js';

export { splitOwnedId };
import { commentsDocument } from './comments.js';
import { entryDocument } from './entry.js';
import { journalIndexDocument } from './journalIndex.js';
import { answerDocument } from './answer.js';
import { draftDocument } from './draft.js';
import { mineDocument } from './mine.js';
import { noteDocument } from './note.js';
import { ritualsDocument } from './rituals.js';
import { dateNightDocument } from './dateNight.js';
import { checkinDocument } from './checkin.js';
import { bucketDocument } from './bucket.js';

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
    if (kind.openTo !== 'members' && !kind.keyed) throw new Error(`${kind.name}: a kind private to its owner names the owner in its id`);
    if (kind.openTo === 'ownerUntilReleased' && kind.validKey === undefined) throw new Error(`${kind.name}: a released kind says which keys it takes`);
    if (kind.validKey !== undefined && !kind.keyed) throw new Error(`${kind.name}: a kind with one document per journal takes no key`);
    if (kind.readersMay !== undefined && (kind.writtenBy !== 'owner' || kind.rule !== null)) throw new Error(`${kind.name}: only an owner-written kind without a rule says what its readers may change`);
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
      if (dash < 0) return null;
      const id = docName.slice(dash + 1);
      return validRoomId(kind, id) ? { journalId, kind, id } : null;
    },
  };
}

/** The member a room belongs to, for kinds private to one member for a while or for good; null for shared kinds. */
export function ownerOf(room: ParsedRoom): string | null {
  if (room.id === null) return null;
  if (room.kind.openTo === 'owner') return room.id;
  if (room.kind.openTo === 'ownerUntilReleased') return splitOwnedId(room.id)?.ownerId ?? null;
  return null;
}

/**
 * Whether `visitor`, a member of the room's journal, may open it: `yes`, `no`,
 * or `ifReleased` (only once the server has released the owner's document,
 * which the caller looks up in storage). Checked at the WebSocket upgrade,
 * before any socket opens (403 otherwise).
 */
export function mayOpen(room: ParsedRoom, visitor: RoomVisitor): 'yes' | 'no' | 'ifReleased' {
  switch (room.kind.openTo) {
    case 'members':
      return 'yes';
    case 'owner':
      return room.id === visitor.userId ? 'yes' : 'no';
    case 'ownerUntilReleased':
      return ownerOf(room) === visitor.userId ? 'yes' : 'ifReleased';
  }
}

/** Whether `userId` may write a room they may open. */
export function mayWrite(room: ParsedRoom, userId: string): boolean {
  switch (room.kind.writtenBy) {
    case 'server':
      return false;
    case 'members':
      return true;
    case 'owner':
      return ownerOf(room) === userId;
  }
}

/**
 * The rule the relay applies to a room's updates: the kind's own, or for an
 * owned kind whose readers may format (comment marks on an answer), the rule
 * made for the room's owner.
 */
export function ruleOf(room: ParsedRoom): DocumentRule | null {
  const owner = ownerOf(room);
  if (room.kind.readersMay && owner !== null) return room.kind.readersMay(owner);
  return room.kind.rule;
}

/** Every kind of shared document Duet has. A new kind is a file in this folder and a line here. */
export const DOCUMENTS: DocumentRegistry = createDocumentRegistry([
  journalIndexDocument,
  entryDocument,
  commentsDocument,
  ritualsDocument,
  answerDocument,
  noteDocument,
  mineDocument,
  draftDocument,
  dateNightDocument,
  checkinDocument,
  bucketDocument,
]);
