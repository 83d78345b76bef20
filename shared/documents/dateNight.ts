import type * as Y from 'yjs';
import { isValidId } from '../model/ids.js';
import { type DeckChoice, MIXED, cardAt } from '../rituals/dateNightDeck.js';
import { QUESTION_CATEGORIES } from '../rituals/questionLibrary.js';
import { COMMENTS_SHAPE } from './comments.js';
import type { DocumentKind, DocumentRule, DocumentWriter } from './DocumentKind.js';
import { roomName } from './roomNames.js';

/**
 * One date night (`<journalId>/datenight-<nightId>`), shared by both members
 * from the start. Flat maps of plain values:
 *
 *   setup:  category, deck (question ids in the night's order), startedBy, startedAt.
 *           Written once, in one transaction, by the member who starts the night
 *           (the night id is new on that device, so nobody else can write it first).
 *   turns:  "<n>" -> {by, at} for n >= 1: "next card" pressed while card n-1 was showing.
 *           The card showing is the highest n (0 before anyone pressed). Two presses
 *           at the same moment both write the same key, so they merge into one turn:
 *           no card is skipped and both screens land on the same one.
 *   notes:  "<n>.<noteId>" -> {by, text, at}: what someone wrote under card n. Each note
 *           has its own key, so notes written on two devices at once (or offline) all stay.
 *   ended:  written by the server only when the night ends (see `NightEnd`).
 *
 * The card at turn n is `cardAt(deck, nightId, n)` on every device (dateNightDeck.ts).
 */
const SETUP = 'setup';
const TURNS = 'turns';
const NOTES = 'notes';
const ENDED = 'ended';

/** An evening is some tens of cards; far more is not a couple talking. */
export const MAX_TURNS = 2_000;
/** A few paragraphs under a card. */
export const MAX_NIGHT_NOTE_CHARS = 2_000;
/** Larger than the whole library, so a future library still fits in one deck. */
export const MAX_DECK_CARDS = 5_000;

export const DECK_CHOICES: readonly DeckChoice[] = [...(Object.keys(QUESTION_CATEGORIES) as DeckChoice[]), MIXED];

export function isDeckChoice(value: unknown): value is DeckChoice {
  return typeof value === 'string' && (DECK_CHOICES as readonly string[]).includes(value);
}

/** How a deck is named to people. */
export function deckTitle(choice: DeckChoice): string {
  return choice === MIXED ? 'A bit of everything' : QUESTION_CATEGORIES[choice].title;
}

export interface NightSetup {
  category: DeckChoice;
  deck: string[];
  startedBy: string;
  startedAt: number;
}

export interface NightNote {
  /** `<turn>.<id>`: the key in `notes`. */
  key: string;
  id: string;
  turn: number;
  by: string;
  text: string;
  at: number;
}

/** What the server wrote when the night ended, and what its entry holds so far. */
export interface NightEnd {
  at: number;
  /** Who pressed "End our date night" (first). */
  by: string;
  /** The timeline entry the server wrote from the night. */
  entryId: string;
  /** The last turn the entry lists. */
  throughTurn: number;
  /** The notes the entry holds: key -> the note's `at` when it was written into it. */
  notes: Record<string, number>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function parseTurnKey(key: string): number | null {
  if (!/^[1-9]\d{0,4}$/.test(key)) return null;
  const turn = Number(key);
  return turn <= MAX_TURNS ? turn : null;
}

function parseNoteKey(key: string): { turn: number; id: string } | null {
  const dot = key.indexOf('.');
  if (dot < 1) return null;
  const turnPart = key.slice(0, dot);
  const turn = turnPart === '0' ? 0 : parseTurnKey(turnPart);
  const id = key.slice(dot + 1);
  return turn !== null && isValidId(id) ? { turn, id } : null;
}

// ---- Reading ----

/** The night's setup, or null until it has arrived (or if it is damaged). */
export function readSetup(doc: Y.Doc): NightSetup | null {
  const map = doc.getMap<unknown>(SETUP);
  const category = map.get('category');
  const deck = map.get('deck');
  const startedBy = map.get('startedBy');
  const startedAt = map.get('startedAt');
  if (!isDeckChoice(category) || typeof startedBy !== 'string' || !isTime(startedAt)) return null;
  if (!Array.isArray(deck) || deck.length === 0 || deck.length > MAX_DECK_CARDS || !deck.every((id) => typeof id === 'string')) return null;
  return { category, deck: deck as string[], startedBy, startedAt };
}

/** The turn showing now: the highest "next" anyone pressed (0 for the first card). */
export function currentTurn(doc: Y.Doc): number {
  let turn = 0;
  for (const key of doc.getMap<unknown>(TURNS).keys()) {
    const n = parseTurnKey(key);
    if (n !== null && n > turn) turn = n;
  }
  return turn;
}

/** Everyone who pressed "next" (the partner who only listened and turned cards took part too). */
export function turnPressers(doc: Y.Doc): Set<string> {
  const people = new Set<string>();
  for (const value of doc.getMap<unknown>(TURNS).values()) if (isRecord(value) && typeof value.by === 'string') people.add(value.by);
  return people;
}

/** The question id showing now, or null before the setup has arrived. */
export function currentCard(doc: Y.Doc, nightId: string): string | null {
  const setup = readSetup(doc);
  return setup ? cardAt(setup.deck, nightId, currentTurn(doc)) : null;
}

/** Every note, by turn and then in the order written. */
export function readNotes(doc: Y.Doc): NightNote[] {
  const notes: NightNote[] = [];
  for (const [key, value] of doc.getMap<unknown>(NOTES).entries()) {
    const parsed = parseNoteKey(key);
    if (!parsed || !isRecord(value) || typeof value.by !== 'string' || typeof value.text !== 'string' || !isTime(value.at)) continue;
    notes.push({ key, id: parsed.id, turn: parsed.turn, by: value.by, text: value.text, at: value.at });
  }
  return notes.sort((a, b) => a.turn - b.turn || a.at - b.at || a.key.localeCompare(b.key));
}

export function readEnd(doc: Y.Doc): NightEnd | null {
  const map = doc.getMap<unknown>(ENDED);
  const at = map.get('at');
  const by = map.get('by');
  const entryId = map.get('entryId');
  const throughTurn = map.get('throughTurn');
  const notes = map.get('notes');
  if (!isTime(at) || typeof by !== 'string' || typeof entryId !== 'string' || typeof throughTurn !== 'number' || !isRecord(notes)) return null;
  const included: Record<string, number> = {};
  for (const [key, noteAt] of Object.entries(notes)) if (isTime(noteAt)) included[key] = noteAt;
  return { at, by, entryId, throughTurn, notes: included };
}

/**
 * Whether the night holds something its timeline entry does not: cards drawn
 * or notes written (or rewritten) on a device that was offline when the
 * night ended. The server adds them to the entry when asked again.
 */
export function hasLateWork(doc: Y.Doc): boolean {
  const end = readEnd(doc);
  if (!end) return false;
  if (currentTurn(doc) > end.throughTurn) return true;
  return readNotes(doc).some((note) => end.notes[note.key] !== note.at);
}

// ---- Writing (members) ----

/**
 * Writes a new night's setup. Only the device that made the night's id calls
 * this, before anyone else knows the id, so two devices never both seed it.
 */
export function writeSetup(doc: Y.Doc, setup: NightSetup): void {
  doc.transact(() => {
    const map = doc.getMap<unknown>(SETUP);
    if (map.size > 0) return;
    map.set('category', setup.category);
    map.set('deck', setup.deck);
    map.set('startedBy', setup.startedBy);
    map.set('startedAt', setup.startedAt);
  });
}

/**
 * "Next card": records the turn after the one this device shows. A partner
 * pressing at the same moment writes the same key, and the two merge into one.
 */
export function pressNext(doc: Y.Doc, userId: string, now = Date.now()): number {
  const next = currentTurn(doc) + 1;
  if (next > MAX_TURNS) return next - 1;
  doc.getMap<unknown>(TURNS).set(String(next), { by: userId, at: now });
  return next;
}

export function addNote(doc: Y.Doc, turn: number, note: { id: string; by: string; text: string }, now = Date.now()): void {
  doc.getMap<unknown>(NOTES).set(`${turn}.${note.id}`, { by: note.by, text: note.text.slice(0, MAX_NIGHT_NOTE_CHARS), at: now });
}

// ---- Writing (server) ----

export function writeEnd(doc: Y.Doc, end: NightEnd): void {
  const map = doc.getMap<unknown>(ENDED);
  doc.transact(() => {
    map.set('at', end.at);
    map.set('by', end.by);
    map.set('entryId', end.entryId);
    map.set('throughTurn', end.throughTurn);
    map.set('notes', end.notes);
  });
}

// ---- The rule ----

function setupProblem(key: string, action: string, doc: Y.Doc, writer: DocumentWriter): string | null {
  if (action !== 'add') return 'a date night’s setup never changes';
  if (!['category', 'deck', 'startedBy', 'startedAt'].includes(key)) return `a date night’s setup has no ${key}`;
  if (doc.getMap<unknown>(SETUP).get('startedBy') !== writer.userId) return 'a date night is set up by the member who starts it';
  return readSetup(doc) === null ? 'a date night is set up with a category, a deck and who started it, at once' : null;
}

function turnProblem(key: string, action: string, doc: Y.Doc, writer: DocumentWriter): string | null {
  if (parseTurnKey(key) === null) return 'a turn is a number from 1';
  if (action === 'delete') return 'turns are never taken back';
  const value = doc.getMap<unknown>(TURNS).get(key);
  if (!isRecord(value) || value.by !== writer.userId || !isTime(value.at)) return 'a turn records who pressed "next", under their own name';
  return null;
}

function noteProblem(key: string, change: { action: string; oldValue: unknown }, doc: Y.Doc, writer: DocumentWriter): string | null {
  if (parseNoteKey(key) === null) return 'a note is kept under its card’s turn and its own id';
  if (change.action !== 'add' && !(isRecord(change.oldValue) && change.oldValue.by === writer.userId)) return 'only its writer changes a note';
  if (change.action === 'delete') return null;
  const value = doc.getMap<unknown>(NOTES).get(key);
  if (!isRecord(value) || value.by !== writer.userId) return 'a note is written under its writer’s own name';
  if (typeof value.text !== 'string' || value.text.length > MAX_NIGHT_NOTE_CHARS || !isTime(value.at)) return 'a note is text of at most 2,000 characters';
  return null;
}

/**
 * Members set up a night (once, the one who starts it), press "next" and
 * write notes under their own name; only the server ends a night.
 */
export const dateNightRule: DocumentRule = {
  watch: (doc) => [SETUP, TURNS, NOTES, ENDED].map((name) => doc.getMap(name)),
  check: (events, doc, writer) => {
    const setup = doc.getMap(SETUP);
    const turns = doc.getMap(TURNS);
    const notes = doc.getMap(NOTES);
    for (const event of events) {
      if (event.target === doc.getMap(ENDED)) return 'the end of a date night is written by the server';
      for (const [key, change] of event.changes.keys) {
        let problem: string | null = null;
        if (event.target === setup) problem = setupProblem(key, change.action, doc, writer);
        else if (event.target === turns) problem = turnProblem(key, change.action, doc, writer);
        else if (event.target === notes) problem = noteProblem(key, change, doc, writer);
        if (problem) return problem;
      }
    }
    return null;
  },
};

// ---- The kind ----

export const dateNightDocument: DocumentKind = {
  name: 'datenight',
  keyed: true,
  openTo: 'members',
  writtenBy: 'members',
  rule: dateNightRule,
  // Flat maps of plain values, like a comments document.
  shape: COMMENTS_SHAPE,
};

export const dateNightRoom = (journalId: string, nightId: string): string => roomName(dateNightDocument, journalId, nightId);
