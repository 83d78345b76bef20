import * as Y from 'yjs';
import type { DateNightView } from '#shared/api/dateNightTypes.js';
import {
  currentTurn,
  dateNightRoom,
  type NightEnd,
  type NightNote,
  type NightSetup,
  readEnd,
  readNotes,
  readSetup,
  turnPressers,
  writeEnd,
} from '#shared/documents/dateNight.js';
import { closeNight, markCardsSeen, writeOpenNight } from '#shared/documents/dateNightLog.js';
import { entryBody, entryRoom } from '#shared/documents/entry.js';
import { ENTRY_KEYS, entriesMap, indexRoom, PREVIEW_CHARS } from '#shared/documents/journalIndex.js';
import { ritualsRoom } from '#shared/documents/rituals.js';
import { localDay } from '#shared/rituals/calendar.js';
import { cardsThrough } from '#shared/rituals/dateNightDeck.js';
import type { Relay } from '../relay/Relay.js';
import type { Storage } from '../storage/Storage.js';
import { appendLateWork, type NightCard, nightPreview, nightTitle, writeNightEntry } from './dateNightEntry.js';

/** Why a night could not be announced or ended; the route turns it into a status. */
export class NightRefusal extends Error {
  constructor(
    readonly reason: 'night_not_here',
    message: string,
  ) {
    super(message);
  }
}

export interface DateNightsOptions {
  storage: Storage;
  relay: Relay;
  now: () => number;
}

interface NightState {
  setup: NightSetup | null;
  end: NightEnd | null;
  turn: number;
  notes: NightNote[];
  pressers: Set<string>;
}

/**
 * Date nights on the server (docs/design/rituals.md, "Date nights"). The
 * night itself is a shared document both partners write; the server only
 * announces it (so the partner can join) and, when it ends, writes it as one
 * entry on the timeline. The entry's id is the night's, so ending it twice,
 * or from both phones at once, makes one entry; what reaches the server after
 * the end (a phone that was offline) is appended, never lost.
 */
export class DateNights {
  /** One announce or end at a time per night, so two presses of "End" at once make one entry. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: DateNightsOptions) {}

  announce(journalId: string, nightId: string): Promise<DateNightView> {
    return this.serialized(journalId, nightId, async () => {
      const state = await this.read(journalId, nightId);
      if (!state.end) {
        const { setup } = state;
        await this.options.relay.change(ritualsRoom(journalId), (doc) =>
          writeOpenNight(doc, { nightId, category: setup.category, startedBy: setup.startedBy, startedAt: setup.startedAt }),
        );
      }
      return view(nightId, state.setup, state.end);
    });
  }

  end(journalId: string, userId: string, nightId: string): Promise<DateNightView> {
    return this.serialized(journalId, nightId, async () => {
      const state = await this.read(journalId, nightId);
      if (!state.end) return view(nightId, state.setup, await this.endNow(journalId, userId, nightId, state));
      const end = await this.addLate(journalId, nightId, state, state.end);
      // An end interrupted after the night was marked may have left it listed as open.
      await this.options.relay.change(ritualsRoom(journalId), (doc) => closeNight(doc, nightId));
      return view(nightId, state.setup, end);
    });
  }

  private async endNow(journalId: string, userId: string, nightId: string, state: NightState & { setup: NightSetup }): Promise<NightEnd> {
    const { relay, storage } = this.options;
    const now = this.options.now();
    const { setup, notes } = state;
    const cards = cardsOf(setup, nightId, 0, state.turn);
    const names = await this.memberNames(journalId);
    const nameOf = (id: string) => names.get(id) ?? 'Someone';
    const entryId = nightId;
    // A retry after a crash halfway finds the body written (in one transaction) and leaves it.
    await relay.change(entryRoom(journalId, entryId), (doc) => {
      if (entryBody(doc).length === 0) writeNightEntry(doc, setup, cards, notes, nameOf);
    });
    const rhythm = await storage.rituals.rhythm(journalId);
    const authors = [setup.startedBy, ...state.pressers, ...notes.map((n) => n.by), userId].filter((id) => names.has(id));
    await relay.change(indexRoom(journalId), (doc) =>
      addEntry(doc, {
        id: entryId,
        title: nightTitle(setup),
        preview: nightPreview(cards, PREVIEW_CHARS),
        date: localDay(setup.startedAt, rhythm.timeZone ?? 'UTC'),
        createdAt: now,
        createdBy: names.has(setup.startedBy) ? setup.startedBy : userId,
        authors: new Map(authors.map((id) => [id, nameOf(id)])),
      }),
    );
    const end: NightEnd = { at: now, by: userId, entryId, throughTurn: state.turn, notes: Object.fromEntries(notes.map((n) => [n.key, n.at])) };
    await relay.change(dateNightRoom(journalId, nightId), (doc) => writeEnd(doc, end));
    await relay.change(ritualsRoom(journalId), (doc) => {
      closeNight(doc, nightId);
      markCardsSeen(doc, cards.map((c) => c.questionId), now);
    });
    return end;
  }

  /** Adds to the entry what the night holds beyond it: cards drawn and notes written after the end. */
  private async addLate(journalId: string, nightId: string, state: NightState & { setup: NightSetup }, end: NightEnd): Promise<NightEnd> {
    const { relay } = this.options;
    const lateNotes = state.notes.filter((n) => end.notes[n.key] !== n.at);
    if (state.turn <= end.throughTurn && lateNotes.length === 0) return end;
    const now = this.options.now();
    const names = await this.memberNames(journalId);
    const nameOf = (id: string) => names.get(id) ?? 'Someone';
    const earlier = cardsOf(state.setup, nightId, 0, end.throughTurn);
    const added = cardsOf(state.setup, nightId, end.throughTurn + 1, state.turn);
    await relay.change(entryRoom(journalId, end.entryId), (doc) => appendLateWork(doc, added, lateNotes, earlier, nameOf));
    await relay.change(indexRoom(journalId), (doc) => {
      const entry = entriesMap(doc).get(end.entryId);
      if (!(entry instanceof Y.Map)) return;
      entry.set(ENTRY_KEYS.updatedAt, now);
      const authors = entry.get(ENTRY_KEYS.authors);
      if (authors instanceof Y.Map) for (const note of lateNotes) if (names.has(note.by) && !authors.has(note.by)) authors.set(note.by, nameOf(note.by));
    });
    const next: NightEnd = {
      ...end,
      throughTurn: Math.max(end.throughTurn, state.turn),
      notes: { ...end.notes, ...Object.fromEntries(lateNotes.map((n) => [n.key, n.at])) },
    };
    await relay.change(dateNightRoom(journalId, nightId), (doc) => writeEnd(doc, next));
    if (added.length > 0) await relay.change(ritualsRoom(journalId), (doc) => markCardsSeen(doc, added.map((c) => c.questionId), now));
    return next;
  }

  private async read(journalId: string, nightId: string): Promise<NightState & { setup: NightSetup }> {
    const state = await this.options.relay.change(dateNightRoom(journalId, nightId), (doc) => ({
      setup: readSetup(doc),
      end: readEnd(doc),
      turn: currentTurn(doc),
      notes: readNotes(doc),
      pressers: turnPressers(doc),
    }));
    const { setup } = state;
    // The device sends the night before it asks; until it has arrived there is nothing to announce or end.
    if (!setup) throw new NightRefusal('night_not_here', 'This date night has not reached Duet yet; it is sent as soon as your device is online.');
    return { ...state, setup };
  }

  private async memberNames(journalId: string): Promise<Map<string, string>> {
    return new Map((await this.options.storage.listMembers(journalId)).map((m) => [m.userId, m.name]));
  }

  private serialized<T>(journalId: string, nightId: string, run: () => Promise<T>): Promise<T> {
    const key = `${journalId}/${nightId}`;
    const result = (this.queues.get(key) ?? Promise.resolve()).catch(() => {}).then(run);
    const tail = result.catch(() => {});
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return result;
  }
}

function cardsOf(setup: NightSetup, nightId: string, from: number, through: number): NightCard[] {
  return cardsThrough(setup.deck, nightId, through)
    .map((questionId, turn) => ({ turn, questionId }))
    .slice(from);
}

function view(nightId: string, setup: NightSetup, end: NightEnd | null): DateNightView {
  return {
    nightId,
    category: setup.category,
    startedBy: setup.startedBy,
    startedAt: setup.startedAt,
    endedAt: end?.at ?? null,
    entryId: end?.entryId ?? null,
  };
}

/** Puts a server-written entry on the timeline (members may add entries only under their own name; the server writes for both). */
function addEntry(
  doc: Y.Doc,
  entry: { id: string; title: string; preview: string; date: string; createdAt: number; createdBy: string; authors: Map<string, string> },
): void {
  const entries = entriesMap(doc);
  if (entries.has(entry.id)) return;
  const record = new Y.Map<unknown>();
  const authors = new Y.Map<string>();
  for (const [id, name] of entry.authors) authors.set(id, name);
  record.set(ENTRY_KEYS.id, entry.id);
  record.set(ENTRY_KEYS.title, entry.title);
  record.set(ENTRY_KEYS.preview, entry.preview);
  record.set(ENTRY_KEYS.date, entry.date);
  record.set(ENTRY_KEYS.createdAt, entry.createdAt);
  record.set(ENTRY_KEYS.createdBy, entry.createdBy);
  record.set(ENTRY_KEYS.updatedAt, entry.createdAt);
  record.set(ENTRY_KEYS.authors, authors);
  record.set(ENTRY_KEYS.deletedAt, null);
  entries.set(entry.id, record);
}
