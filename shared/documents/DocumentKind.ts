import type * as Y from 'yjs';
import type { DocumentShape } from './documentShape.js';

/** Who sent a client update, as the relay knows them from the session (never from the update). */
export interface DocumentWriter {
  userId: string;
  /** The account's display name, for rules that check names written into documents. */
  userName: string;
}

/**
 * What one client's update may change in a document, beyond "it applies".
 * The relay observes the `watch(doc)` types deeply while it applies the
 * update, then refuses the update (4406, and the room reloads from storage)
 * when `check` names a problem. `check` runs while the events are delivered,
 * because Yjs computes their changes only then.
 */
export interface DocumentRule {
  // Yjs types are invariant in their event type; any type may be watched.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  watch(doc: Y.Doc): Y.AbstractType<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  check(events: Y.YEvent<any>[], doc: Y.Doc, writer: DocumentWriter): string | null;
  /**
   * Judges each root type a member's update brought into being (`watch` runs
   * before the update, so it cannot name roots that do not exist yet): why
   * `writer` may not create a root of this name, or null when they may.
   */
  newRoot?(name: string, doc: Y.Doc, writer: DocumentWriter): string | null;
}

/**
 * One kind of shared Yjs document: how its rooms are named, which of a
 * journal's members may open one, who writes it and what they may change,
 * and the structure it may have. The relay and the upgrade take every
 * decision about a room from its kind (see `registry.ts`), so a new kind is
 * one file that exports one of these and one line in the registry.
 *
 * Room names are `<journalId>/<name>` for a kind with one document per
 * journal, and `<journalId>/<name>-<id>` for a kind with one per item (an
 * entry id, or for a kind private to one person, their user id).
 */
export interface DocumentKind {
  /** The room name's document part, or its prefix before `-<id>`. Letters only, unique per kind. */
  readonly name: string;
  /** Whether a journal holds one document of this kind (`false`) or one per id (`true`). */
  readonly keyed: boolean;
  /**
   * Which members of the journal may open a room, checked at the upgrade
   * before any socket opens: every member, or only the member whose user id
   * is the room's id (a kind private to its owner, such as a draft not yet
   * given to the partner; `keyed` must then be true), or its owner and, from
   * the moment the server has released it, the other members too
   * (`ownerUntilReleased`: the room's id is `<ownerId>.<key>`; a sealed
   * answer, a note for later; see docs/design/rituals.md).
   */
  readonly openTo: 'members' | 'owner' | 'ownerUntilReleased';
  /**
   * Who writes the document. `server`: clients read it and the server writes
   * it after the API's checks (a client update that adds anything closes its
   * socket with 4405). `members`: whoever may open it writes it, within `rule`.
   * `owner`: only the member who owns it writes; others who may open it read.
   */
  readonly writtenBy: 'server' | 'members' | 'owner';
  /** What a member's update may change; null when any change that keeps the shape is fine. */
  readonly rule: DocumentRule | null;
  /**
   * For an `owner`-written kind: what the other members who may open a room
   * may still change, given the room's owner (from its name). They may send
   * formatting only (anything that adds words or structure is refused before
   * it is applied, 4405); this rule judges which formatting, and any
   * deletion (4406). The rule sees every writer, the owner too. Absent: the
   * others only read. Used in place of `rule`, so a kind has one or the other.
   */
  readonly readersMay?: (ownerId: string) => DocumentRule;
  /** The structure every update must keep (4422 otherwise), checked before it is applied. */
  readonly shape: DocumentShape;
  /**
   * Which keys are well formed. Required for an `ownerUntilReleased` kind,
   * where it judges the key after the owner (a day, an id; the owner part is
   * always a user id); optional for other keyed kinds, where it narrows the
   * whole id beyond the id pattern (a check-in's ISO week).
   */
  readonly validKey?: (key: string) => boolean;
}
