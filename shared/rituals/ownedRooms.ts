/**
 * Owned documents: written by one member, opened to the other only from a
 * release on (a sealed answer, a note for later, a draft; see
 * docs/design/rituals.md). The owner is part of the document's name,
 * `<kind>.<ownerId>.<key>`, so nobody can claim a partner's document by being
 * first to open it, and an offline device can start one without asking.
 * Ids never contain ".", so a name parses one way.
 */
import { isLocalDay } from './calendar.js';

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const OWNED_KINDS = {
  /** One member's answer to a day's question; the key is the day, YYYY-MM-DD. */
  answer: (key: string) => isLocalDay(key),
  /** A note to the partner, delivered at a time the writer picks; the key is the note's id. */
  note: (key: string) => ID_PATTERN.test(key),
  /** An entry its writer has not shared yet; the key is the entry's id. */
  draft: (key: string) => ID_PATTERN.test(key),
  /** The owner's own records, never released (which notes they have opened, their drafts); the key names the record. */
  mine: (key: string) => /^[a-z]{3,16}$/.test(key),
} as const;

export type OwnedKind = keyof typeof OWNED_KINDS;

export interface OwnedDocRef {
  kind: OwnedKind;
  ownerId: string;
  key: string;
}

export function ownedDocName(kind: OwnedKind, ownerId: string, key: string): string {
  return `${kind}.${ownerId}.${key}`;
}

export function answerDocName(ownerId: string, day: string): string {
  return ownedDocName('answer', ownerId, day);
}

/** The parts of an owned document's name, or null for any other name (including malformed ones). */
export function parseOwnedDocName(docName: string): OwnedDocRef | null {
  const parts = docName.split('.');
  if (parts.length !== 3) return null;
  const [kind, ownerId, key] = parts;
  if (!Object.hasOwn(OWNED_KINDS, kind) || !ID_PATTERN.test(ownerId)) return null;
  if (!OWNED_KINDS[kind as OwnedKind](key)) return null;
  return { kind: kind as OwnedKind, ownerId, key };
}

/**
 * Whether a member may open an owned document: its owner always; anyone else
 * once it is released (`releasedAt` at or before `now`). The server is the
 * only judge; the client uses the same rule only to decide what to show.
 */
export function mayOpenOwned(ref: OwnedDocRef, userId: string, releasedAt: number | null, now: number): boolean {
  if (ref.ownerId === userId) return true;
  return releasedAt !== null && releasedAt <= now;
}
