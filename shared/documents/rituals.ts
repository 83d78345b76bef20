import type * as Y from 'yjs';
import { isIsoWeek, type LocalDay } from '../rituals/calendar.js';
import { COMMENTS_SHAPE } from './comments.js';
import type { DocumentKind } from './DocumentKind.js';
import { roomName } from './roomNames.js';

/**
 * The journal's rituals document, `<journalId>/rituals`, written only by the
 * server (clients read it; the relay refuses their writes). Flat maps of
 * plain values, so it fits the server-written shape (no nested types):
 *
 *   rhythm:   "timeZone" -> IANA zone | null, "checkinDay" -> 1..7 (Monday..Sunday)
 *   schedule: day (YYYY-MM-DD) -> question id, written ahead so offline devices agree
 *   days:     day -> DayStatus: who has answered (ids and times only: never text
 *             or length, the answers themselves stay in their owned documents)
 *             and when the day was revealed
 *   notes:    note id -> DeliveredNote with its words as they were at delivery, written
 *             at the note's delivery time and not before (a note for later leaves no
 *             trace here until then); so a page of notes opens one document, not one per note
 *   seen:     note id -> when its reader opened it, only for readers who chose to
 *             let the writer know (off unless they turn it on)
 *   checkins: ISO week (YYYY-Www) -> when its check-in document was first needed
 */
export const ritualsDocument: DocumentKind = {
  name: 'rituals',
  keyed: false,
  openTo: 'members',
  // The schedule, who answered and delivered notes are facts the server decides.
  writtenBy: 'server',
  rule: null,
  // Flat maps of plain values, like a comments document.
  shape: COMMENTS_SHAPE,
};

export const ritualsRoom = (journalId: string): string => roomName(ritualsDocument, journalId);

const RHYTHM = 'rhythm';
const SCHEDULE = 'schedule';
const DAYS = 'days';
const NOTES = 'notes';
const SEEN = 'seen';

export interface RitualRhythm {
  timeZone: string | null;
  checkinDay: number;
}

export interface DayStatus {
  /** Member id -> when their answer was recorded (ms since the epoch). */
  answeredBy: Record<string, number>;
  /** Member id -> the question they answered (the day's, unless their device was offline past the schedule). */
  questionOf: Record<string, string>;
  revealedAt: number | null;
}

export function readRhythm(doc: Y.Doc): RitualRhythm {
  const map = doc.getMap<unknown>(RHYTHM);
  const timeZone = map.get('timeZone');
  const checkinDay = map.get('checkinDay');
  return {
    timeZone: typeof timeZone === 'string' ? timeZone : null,
    checkinDay: typeof checkinDay === 'number' && checkinDay >= 1 && checkinDay <= 7 ? checkinDay : 7,
  };
}

export function writeRhythm(doc: Y.Doc, rhythm: RitualRhythm): void {
  const map = doc.getMap<unknown>(RHYTHM);
  if (map.get('timeZone') !== rhythm.timeZone) map.set('timeZone', rhythm.timeZone);
  if (map.get('checkinDay') !== rhythm.checkinDay) map.set('checkinDay', rhythm.checkinDay);
}

export function readSchedule(doc: Y.Doc): Map<LocalDay, string> {
  const schedule = new Map<LocalDay, string>();
  for (const [day, id] of doc.getMap<unknown>(SCHEDULE).entries()) {
    if (typeof id === 'string') schedule.set(day, id);
  }
  return schedule;
}

export function writeSchedule(doc: Y.Doc, added: ReadonlyMap<LocalDay, string>): void {
  const map = doc.getMap<unknown>(SCHEDULE);
  for (const [day, id] of added) if (!map.has(day)) map.set(day, id);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A day's status as stored, tolerating damage (a malformed value reads as "nobody answered"). */
export function readDayStatus(doc: Y.Doc, day: LocalDay): DayStatus {
  const value = doc.getMap<unknown>(DAYS).get(day);
  const status: DayStatus = { answeredBy: {}, questionOf: {}, revealedAt: null };
  if (!isRecord(value)) return status;
  if (isRecord(value.answeredBy)) {
    for (const [id, at] of Object.entries(value.answeredBy)) if (typeof at === 'number') status.answeredBy[id] = at;
  }
  if (isRecord(value.questionOf)) {
    for (const [id, q] of Object.entries(value.questionOf)) if (typeof q === 'string') status.questionOf[id] = q;
  }
  if (typeof value.revealedAt === 'number') status.revealedAt = value.revealedAt;
  return status;
}

/** Days revealed so far, newest first: the question entries on the timeline. */
export function revealedDays(doc: Y.Doc): { day: LocalDay; revealedAt: number }[] {
  const days: { day: LocalDay; revealedAt: number }[] = [];
  for (const day of doc.getMap<unknown>(DAYS).keys()) {
    const { revealedAt } = readDayStatus(doc, day);
    if (revealedAt !== null) days.push({ day, revealedAt });
  }
  return days.sort((a, b) => b.day.localeCompare(a.day));
}

/**
 * Writes what storage says of a day, merged with what the document already
 * shows: two answers recorded at the same moment may reach here in either
 * order, and the later write must not take back the earlier one's reveal.
 */
export function writeDayStatus(doc: Y.Doc, day: LocalDay, status: DayStatus): void {
  const shown = readDayStatus(doc, day);
  doc.getMap<unknown>(DAYS).set(day, {
    answeredBy: { ...shown.answeredBy, ...status.answeredBy },
    questionOf: { ...shown.questionOf, ...status.questionOf },
    revealedAt: shown.revealedAt ?? status.revealedAt,
  });
}

export interface DeliveredNote {
  id: string;
  from: string;
  emoji: string;
  deliveredAt: number;
  /** The words at delivery; absent for notes delivered before the words were copied here (read their own document). */
  text?: string;
}

export function writeDeliveredNote(doc: Y.Doc, note: DeliveredNote): void {
  const map = doc.getMap<unknown>(NOTES);
  if (!map.has(note.id)) map.set(note.id, { from: note.from, emoji: note.emoji, deliveredAt: note.deliveredAt, text: note.text ?? '' });
}

/** Delivered notes, newest first. */
export function readDeliveredNotes(doc: Y.Doc): DeliveredNote[] {
  const notes: DeliveredNote[] = [];
  for (const [id, value] of doc.getMap<unknown>(NOTES).entries()) {
    if (!isRecord(value) || typeof value.from !== 'string' || typeof value.deliveredAt !== 'number') continue;
    notes.push({
      id,
      from: value.from,
      emoji: typeof value.emoji === 'string' ? value.emoji : '',
      deliveredAt: value.deliveredAt,
      ...(typeof value.text === 'string' && { text: value.text }),
    });
  }
  return notes.sort((a, b) => b.deliveredAt - a.deliveredAt);
}

export function writeNoteSeen(doc: Y.Doc, noteId: string, at: number): void {
  const map = doc.getMap<unknown>(SEEN);
  if (!map.has(noteId)) map.set(noteId, at);
}

/** When a note's reader opened it, if they let the writer know. */
export function noteSeenAt(doc: Y.Doc, noteId: string): number | null {
  const at = doc.getMap<unknown>(SEEN).get(noteId);
  return typeof at === 'number' ? at : null;
}

// ---- Weekly check-ins (shared/documents/checkin.ts holds the documents themselves) ----

const CHECKINS = 'checkins';

/** Records that a week's check-in has begun; the first time stays. */
export function writeCheckinStarted(doc: Y.Doc, week: string, at: number): void {
  const map = doc.getMap<unknown>(CHECKINS);
  if (!map.has(week)) map.set(week, at);
}

/** Weeks whose check-in has begun, newest first. */
export function readCheckinWeeks(doc: Y.Doc): string[] {
  const weeks: string[] = [];
  for (const [week, at] of doc.getMap<unknown>(CHECKINS).entries()) if (typeof at === 'number' && isIsoWeek(week)) weeks.push(week);
  return weeks.sort().reverse();
}
