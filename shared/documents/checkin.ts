import * as Y from 'yjs';
import { isIsoWeek, isoWeek, localDay, type IsoWeek } from '../rituals/calendar.js';
import type { DocumentKind, DocumentRule, DocumentWriter } from './DocumentKind.js';
import type { DocumentShape } from './documentShape.js';
import { roomName } from './roomNames.js';

/**
 * The weekly check-in, "How are we doing?" (`<journalId>/checkin-<YYYY-Www>`):
 * one document per couple per ISO week of the couple's calendar. Its id comes
 * from the journal and the week alone, so two partners who start it at the
 * same moment, even both offline, open the same document.
 *
 * Roots (every one a root, so nothing is ever created twice by two devices;
 * a nested type made on two offline devices at once would keep only one):
 *
 * - `<section>/<userId>`, a Y.Text per section in `CHECKIN_SECTIONS`: that
 *   member's words. Only that member writes it (the rule below); both read.
 * - `focus`, a Y.Text: "one thing we will work on", the couple's, both write.
 * - `done`, a map: id of a thing to work on (the week it was set) -> `{by, at}`,
 *   who said it is done; deleting the key takes that back. Either partner.
 * - `checkin`, a map written only by the server when the week's document is
 *   first needed: `week`, `startedAt`, `members` (user id -> name, whose
 *   sections the rule guards) and `carried` (the unfinished things to work on
 *   from earlier weeks, `CarriedItem[]`).
 */

/** Each partner's own sections, in the order the page shows them. */
export const CHECKIN_SECTIONS = ['appreciations', 'wentWell', 'wasHard', 'needNext'] as const;
export type CheckinSection = (typeof CHECKIN_SECTIONS)[number];

export const FOCUS_FIELD = 'focus';
export const DONE_FIELD = 'done';
export const META_FIELD = 'checkin';

/** Words a carried item keeps: the start of a long one is enough to recognise it. */
export const MAX_CARRIED_CHARS = 500;
/** Unfinished things carried at once; older ones beyond this are let go rather than pile up. */
export const MAX_CARRIED_ITEMS = 5;

/** A thing to work on, carried from the week it was set (its id) until marked done. */
export interface CarriedItem {
  /** The week it was set, which also names it in `done`. */
  id: IsoWeek;
  text: string;
}

export interface CheckinMeta {
  /** Whether the server has written the week's document (carried items, members). */
  seeded: boolean;
  week: IsoWeek | null;
  startedAt: number | null;
  /** User id -> name, for attribution even offline. */
  members: Record<string, string>;
  carried: CarriedItem[];
}

export interface DoneMark {
  by: string;
  at: number;
}

// ---- Names and weeks ----

/** The root holding one member's words in one section. */
export const sectionFieldName = (section: CheckinSection, userId: string): string => `${section}/${userId}`;

export const sectionText = (doc: Y.Doc, section: CheckinSection, userId: string): Y.Text => doc.getText(sectionFieldName(section, userId));
export const focusText = (doc: Y.Doc): Y.Text => doc.getText(FOCUS_FIELD);
export const doneMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(DONE_FIELD);
const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(META_FIELD);

/** Which member and section a root's name is, or null for any other root. */
export function parseSectionField(name: string): { section: CheckinSection; userId: string } | null {
  const slash = name.indexOf('/');
  if (slash < 0) return null;
  const section = name.slice(0, slash) as CheckinSection;
  if (!CHECKIN_SECTIONS.includes(section)) return null;
  return { section, userId: name.slice(slash + 1) };
}

/** The couple's ISO week at `instant`, in their zone: the week of their calendar date, so clocks changing move nothing. */
export function checkinWeek(instant: number, timeZone: string): IsoWeek {
  return isoWeek(localDay(instant, timeZone));
}

// ---- Reading ----

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the server wrote, tolerating damage (anything malformed reads as absent). */
export function readCheckinMeta(doc: Y.Doc): CheckinMeta {
  const meta = metaMap(doc);
  const week = meta.get('week');
  const startedAt = meta.get('startedAt');
  const members: Record<string, string> = {};
  const storedMembers = meta.get('members');
  if (isRecord(storedMembers)) for (const [id, name] of Object.entries(storedMembers)) if (typeof name === 'string') members[id] = name;
  const carried: CarriedItem[] = [];
  const storedCarried = meta.get('carried');
  if (Array.isArray(storedCarried)) {
    for (const item of storedCarried) if (isRecord(item) && isIsoWeek(item.id) && typeof item.text === 'string') carried.push({ id: item.id, text: item.text });
  }
  return {
    seeded: Array.isArray(storedCarried),
    week: isIsoWeek(week) ? week : null,
    startedAt: typeof startedAt === 'number' ? startedAt : null,
    members,
    carried,
  };
}

/** Who marked a thing to work on done, or null while it is not. */
export function readDone(doc: Y.Doc, itemId: IsoWeek): DoneMark | null {
  const value = doneMap(doc).get(itemId);
  return isRecord(value) && typeof value.by === 'string' && typeof value.at === 'number' ? { by: value.by, at: value.at } : null;
}

// ---- Writing (members) ----

/** Marks a thing to work on done (`done` true) or not yet, as `userId`; either partner may. */
export function setDone(doc: Y.Doc, itemId: IsoWeek, userId: string, done: boolean, now = Date.now()): void {
  const map = doneMap(doc);
  if (done) map.set(itemId, { by: userId, at: now });
  else if (map.has(itemId)) map.delete(itemId);
}

// ---- Writing (server) ----

/**
 * What a later week inherits from this one: the things carried into it that
 * were not marked done, and its own "one thing" if it was written and not done.
 */
export function carryForward(doc: Y.Doc): CarriedItem[] {
  const meta = readCheckinMeta(doc);
  const items = meta.carried.filter((item) => readDone(doc, item.id) === null);
  const own = focusText(doc).toString().trim();
  if (meta.week && own.length > 0 && readDone(doc, meta.week) === null && !items.some((item) => item.id === meta.week)) {
    items.push({ id: meta.week, text: own.slice(0, MAX_CARRIED_CHARS) });
  }
  return items.slice(-MAX_CARRIED_ITEMS);
}

/**
 * Writes what the server owns in a week's document: its week and start, the
 * carried things (once: later calls leave them as first written), and any
 * member not yet listed. Writes nothing when all of that is already there.
 */
export function seedCheckin(doc: Y.Doc, seed: { week: IsoWeek; startedAt: number; members: Record<string, string>; carried: CarriedItem[] }): void {
  const meta = metaMap(doc);
  const current = readCheckinMeta(doc);
  if (!current.seeded) {
    meta.set('week', seed.week);
    meta.set('startedAt', seed.startedAt);
    meta.set('carried', seed.carried.map((item) => ({ id: item.id, text: item.text })));
  }
  const missing = Object.entries(seed.members).some(([id, name]) => current.members[id] !== name);
  if (missing) meta.set('members', { ...current.members, ...seed.members });
}

// ---- The relay's rule ----

/** The roots whose changes the rule judges: every member's sections (and any other section root already known), `done` and the server's part. */
// Yjs types are invariant in their event type; the rule watches texts and maps alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

function watchedRoots(doc: Y.Doc): AnyType[] {
  const names = new Set<string>();
  for (const id of Object.keys(readCheckinMeta(doc).members)) for (const section of CHECKIN_SECTIONS) names.add(sectionFieldName(section, id));
  for (const name of doc.share.keys()) if (parseSectionField(name)) names.add(name);
  // getText turns a root Yjs made from an update into a Y.Text, which reports its changes.
  return [metaMap(doc), doneMap(doc), ...[...names].map((name) => doc.getText(name))];
}

function rootName(doc: Y.Doc, type: AnyType): string | null {
  for (const [name, root] of doc.share) if (root === type) return name;
  return null;
}

/**
 * Each partner writes only their own sections: a change to a section root of
 * another user, to the server's part, or a `done` mark in someone else's name
 * is refused. The couple's "one thing" is shared and not watched.
 */
export const checkinRule: DocumentRule = {
  watch: watchedRoots,
  check(events, doc, writer: DocumentWriter) {
    for (const event of events) {
      const target: AnyType = event.target;
      if (target === metaMap(doc)) return 'the check-in’s week, members and carried items are written by the server';
      if (target === doneMap(doc)) {
        if (event.changes.delta.length > 0) return 'done marks are kept by name';
        for (const [key, change] of event.changes.keys) {
          if (!isIsoWeek(key)) return 'a thing to work on is named by the week it was set';
          if (change.action === 'delete') continue;
          const mark = readDone(doc, key);
          if (!mark || mark.by !== writer.userId) return 'you can mark something done only in your own name';
        }
        continue;
      }
      const name = rootName(doc, target);
      const field = name ? parseSectionField(name) : null;
      if (!field) return 'this part of the check-in cannot be changed';
      if (field.userId !== writer.userId) return 'each partner writes only in their own sections';
    }
    return null;
  },
  // A root an update creates: the shared parts, or a section of the writer's own. A section in another
  // person's name (a partner not yet in `members`) or a name nobody reads is refused.
  newRoot(name, _doc, writer) {
    if (name === FOCUS_FIELD || name === DONE_FIELD) return null;
    if (name === META_FIELD) return 'the check-in’s week, members and carried items are written by the server';
    const field = parseSectionField(name);
    if (!field) return 'this part of the check-in cannot be changed';
    return field.userId === writer.userId ? null : 'each partner writes only in their own sections';
  },
};

// ---- The kind ----

/**
 * Flat roots only: texts and maps of plain values, no nested types. Two
 * members' four sections, the focus, `done` and the server's map are 11
 * roots; 16 leave room for a member who joins later.
 */
export const CHECKIN_SHAPE: DocumentShape = {
  maxDepth: 1,
  maxTypesPerUpdate: 0,
  maxStructsPerUpdate: 50_000,
  maxTypes: 0,
  maxRoots: 16,
  maxClientsPerUpdate: 256,
  maxClients: 20_000,
  nestedKinds: new Set(),
};

export const checkinDocument: DocumentKind = {
  name: 'checkin',
  keyed: true,
  openTo: 'members',
  writtenBy: 'members',
  rule: checkinRule,
  shape: CHECKIN_SHAPE,
  // A real ISO week ("2026-W48"); any other id names no check-in.
  validKey: isIsoWeek,
};

export const checkinRoom = (journalId: string, week: IsoWeek): string => roomName(checkinDocument, journalId, week);
