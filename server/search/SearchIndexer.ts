import * as Y from 'yjs';
import { answerDocument, answerRoom } from '#shared/documents/answer.js';
import { commentsDocument } from '#shared/documents/comments.js';
import { entryDocument } from '#shared/documents/entry.js';
import { journalIndexDocument } from '#shared/documents/journalIndex.js';
import { IndexChanges } from './indexedEntries.js';
import { noteDocument, noteRoom } from '#shared/documents/note.js';
import type { DocumentKind } from '#shared/documents/DocumentKind.js';
import type { DocumentRegistry, ParsedRoom } from '#shared/documents/registry.js';
import { splitOwnedId } from '#shared/documents/roomNames.js';
import { readDayStatus, readDeliveredNotes, ritualsDocument } from '#shared/documents/rituals.js';
import { localDay } from '#shared/rituals/calendar.js';
import { questionById } from '#shared/rituals/questionLibrary.js';
import type { Logger } from '../relay/types.js';
import type { RowPatch } from '../storage/SearchIndex.js';
import type { Storage } from '../storage/Storage.js';
import { documentRows, type RowFacts } from './documentRows.js';

/** Kinds whose words are searchable; the index and rituals documents say what rows of others show (day, authors, bin, question). */
const WORDS: ReadonlySet<DocumentKind> = new Set([entryDocument, answerDocument, noteDocument, commentsDocument]);
const FACTS: ReadonlySet<DocumentKind> = new Set([journalIndexDocument, ritualsDocument]);

export interface SearchIndexerOptions {
  storage: Storage;
  documents: DocumentRegistry;
  log: Logger;
  now: () => number;
  /** Quiet time after a document's last stored change before it is indexed. */
  delayMs?: number;
  /** A document changed without pause is indexed at least this often. */
  maxDelayMs?: number;
}

/** A room name made from a document's keys, or null when they are not ids (a damaged record names no room). */
function roomOrNull(make: () => string): string | null {
  try {
    return make();
  } catch {
    return null;
  }
}

interface Pending {
  room: ParsedRoom;
  /** The relay's document as of its last stored change (or null: read it from storage). */
  doc: Y.Doc | null;
  timer: NodeJS.Timeout | null;
  firstAt: number;
}

/**
 * Keeps the search index current from the documents the relay stores. The
 * relay tells it of each stored change (`noteStored`, on its hot path: only
 * remembered here); a document is indexed once it has been quiet for
 * `delayMs` (a few seconds, so typing costs one indexing per pause), and at
 * shutdown. At start, `catchUp` indexes documents stored while the index
 * was not current, found by comparing stored versions (no document is read
 * unless it changed). All indexing runs one document at a time.
 */
export class SearchIndexer {
  private readonly pending = new Map<string, Pending>();
  private readonly delayMs: number;
  private readonly maxDelayMs: number;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private catchingUp: Promise<number> | null = null;
  private readonly indexChanges = new IndexChanges();

  constructor(private readonly options: SearchIndexerOptions) {
    this.delayMs = options.delayMs ?? 3000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  /** The relay has stored a change to `roomName`; `doc` is the room's document as it is now. */
  noteStored(roomName: string, doc: Y.Doc): void {
    if (this.closed) return;
    const existing = this.pending.get(roomName);
    if (existing) {
      if (existing.room.kind === journalIndexDocument && existing.doc !== doc) this.indexChanges.watch(doc);
      existing.doc = doc;
      // Restarted on each change, unless the document has waited its longest already.
      if (existing.timer && this.options.now() - existing.firstAt < this.maxDelayMs) existing.timer.refresh();
      return;
    }
    const room = this.options.documents.parse(roomName);
    if (!room || !(WORDS.has(room.kind) || FACTS.has(room.kind))) return;
    if (room.kind === journalIndexDocument) this.indexChanges.watch(doc);
    const entry: Pending = { room, doc, timer: null, firstAt: this.options.now() };
    entry.timer = setTimeout(() => this.take(roomName), this.delayMs);
    entry.timer.unref();
    this.pending.set(roomName, entry);
  }

  /** Indexes every document waiting now and resolves when the index holds them (tests, shutdown). */
  async flush(): Promise<void> {
    for (const name of [...this.pending.keys()]) this.take(name);
    await this.queue;
  }

  /** Stops taking changes (the relay has stored its last) and indexes what waits; a catch-up under way stops between documents. */
  async close(): Promise<void> {
    this.closed = true;
    await this.catchingUp?.catch(() => 0);
    await this.flush();
  }

  /**
   * Indexes what was stored while the index was not current (a crash before a
   * flush, an upgrade from a version without search), once; resolves with how
   * many documents it read. Journal indexes first, so entries find their day
   * and authors, the rituals documents last.
   */
  catchUp(): Promise<number> {
    this.catchingUp ??= this.runCatchUp();
    return this.catchingUp;
  }

  private async runCatchUp(): Promise<number> {
    const stale = await this.options.storage.search.staleDocuments();
    const order = (room: ParsedRoom | null) => (room?.kind === journalIndexDocument ? 0 : room?.kind === ritualsDocument ? 2 : 1);
    const rooms = stale.map((s) => ({ ...s, room: this.options.documents.parse(s.doc) })).sort((x, y) => order(x.room) - order(y.room));
    let indexed = 0;
    for (const { doc: name, version, room } of rooms) {
      if (this.closed) break;
      if (!room || !(WORDS.has(room.kind) || FACTS.has(room.kind))) {
        // Nothing searchable in it: remember the version so the next start does not look again.
        await this.options.storage.search.writeDocument(name, version, []);
        continue;
      }
      // A change the relay stored meanwhile is already waiting with its newer document.
      if (this.pending.has(name)) continue;
      await this.enqueue(name, room, null);
      indexed++;
      // Let requests in between documents: a catch-up after an upgrade can be long.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return indexed;
  }

  private take(name: string): void {
    const entry = this.pending.get(name);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(name);
    void this.enqueue(name, entry.room, entry.doc);
  }

  private enqueue(name: string, room: ParsedRoom, doc: Y.Doc | null): Promise<void> {
    const run = this.queue.then(() => this.index(name, room, doc));
    this.queue = run.catch((error: unknown) => {
      // Left at its old version: the next change, or the next start, tries again.
      this.options.log.error('could not index a document for search', { room: name, error: String(error) });
    });
    return this.queue;
  }

  private async index(name: string, room: ParsedRoom, live: Y.Doc | null): Promise<void> {
    const { search } = this.options.storage;
    // Read before the document: the document is at least this version, so nothing is recorded as read that was not.
    const version = await search.storedVersion(name);
    // Nothing stored (any more): a document an account deletion removed while its change waited
    // here. Its words must not come back into the index from the copy still in memory.
    if (version === 0) return;
    const doc = live ?? (await this.load(name));
    if (room.kind === journalIndexDocument) {
      const entries = this.indexChanges.take(doc);
      try {
        await search.writeEntries(name, room.journalId, version, entries);
      } catch (error) {
        this.indexChanges.retryAll(doc);
        throw error;
      }
      return;
    }
    if (room.kind === ritualsDocument) {
      await search.patchRows(name, version, await this.ritualPatches(room.journalId, doc));
      return;
    }
    await search.writeDocument(name, version, documentRows(room, name, doc, await this.factsFor(room)));
  }

  private async load(name: string): Promise<Y.Doc> {
    const stored = await this.options.storage.loadDoc(name);
    const doc = new Y.Doc({ gc: true });
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return doc;
  }

  /** What the journal knows that the document does not: its time zone, names, an answer's question, a note's time. */
  private async factsFor(room: ParsedRoom): Promise<RowFacts> {
    const { storage } = this.options;
    const [rhythm, members] = await Promise.all([storage.rituals.rhythm(room.journalId), storage.listMembers(room.journalId)]);
    const names = new Map(members.map((m) => [m.userId, m.name]));
    const owned = room.id !== null && room.kind.openTo === 'ownerUntilReleased' ? splitOwnedId(room.id) : null;
    if (owned && !names.has(owned.ownerId)) names.set(owned.ownerId, (await storage.findUserById(owned.ownerId))?.name ?? '');
    let question = '';
    if (owned && room.kind === answerDocument) {
      const answers = await storage.rituals.answersOf(room.journalId, owned.key);
      const questionId = answers.answers.find((a) => a.userId === owned.ownerId)?.questionId;
      question = (questionId && questionById(questionId)?.text) || '';
    }
    let noteTime: number | null = null;
    if (owned && room.kind === noteDocument) {
      const note = (await storage.rituals.notesOf(room.journalId)).find((n) => n.noteId === owned.key && n.fromUser === owned.ownerId);
      noteTime = note ? (note.deliveredAt ?? note.deliverAt) : null;
    }
    const zone = rhythm.timeZone ?? 'UTC';
    return {
      dayOf: (instant) => localDay(instant, zone),
      nameOf: (userId) => names.get(userId) ?? '',
      questionOf: () => question,
      noteTime: () => noteTime,
      now: this.options.now(),
    };
  }

  /** Answers' questions once recorded, and notes' days once delivered, from the rituals document. */
  private async ritualPatches(journalId: string, doc: Y.Doc): Promise<RowPatch[]> {
    const { storage } = this.options;
    const zone = (await storage.rituals.rhythm(journalId)).timeZone ?? 'UTC';
    const titles = new Map<string, string>();
    for (const day of doc.getMap('days').keys()) {
      for (const [userId, questionId] of Object.entries(readDayStatus(doc, day).questionOf)) {
        const text = questionById(questionId)?.text;
        const room = roomOrNull(() => answerRoom(journalId, userId, day));
        if (text && room) titles.set(room, text);
      }
    }
    const days = new Map<string, string>();
    for (const note of readDeliveredNotes(doc)) {
      const room = roomOrNull(() => noteRoom(journalId, note.from, note.id));
      if (room) days.set(room, localDay(note.deliveredAt, zone));
    }
    const patches: RowPatch[] = [];
    for (const row of await storage.search.rowsOfKind(journalId, 'answer')) {
      const title = titles.get(row.doc);
      if (title !== undefined && title !== row.title) patches.push({ doc: row.doc, title });
    }
    for (const row of await storage.search.rowsOfKind(journalId, 'note')) {
      const day = days.get(row.doc);
      if (day !== undefined && day !== row.day) patches.push({ doc: row.doc, day });
    }
    return patches;
  }
}
