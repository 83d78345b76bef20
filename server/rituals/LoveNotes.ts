import { MAX_EMOJI_CHARS, MAX_NOTE_DELAY_MS, NOTE_TEXT_FIELD, noteDocName, noteRoom } from '#shared/documents/note.js';
import { ritualsRoom, writeDeliveredNote, writeNoteSeen } from '#shared/documents/rituals.js';
import type { Relay } from '../relay/Relay.js';
import type { Logger } from '../relay/types.js';
import type { NoteDelivery } from '../storage/RitualStore.js';
import type { Storage } from '../storage/Storage.js';

export class NoteRefusal extends Error {
  constructor(
    readonly reason: 'bad_emoji' | 'bad_time' | 'empty_note' | 'delivered' | 'taken',
    message: string,
  ) {
    super(message);
  }
}

/** setTimeout's longest delay; later deliveries wake the timer more than once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a storage failure, the next attempt. */
const RETRY_MS = 30_000;
/** Notes announced per wake, so a backlog after downtime does not hold the event loop. */
const BATCH = 100;

export interface LoveNotesOptions {
  storage: Storage;
  relay: Relay;
  now: () => number;
  log: Logger;
}

/**
 * Love notes on the server. Sending sets the note's delivery time and the
 * release of its document in one transaction; at that time (a timer here,
 * or the next start after downtime) the note is announced in the journal's
 * rituals document, which is how the partner's devices learn of it.
 */
export class LoveNotes {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: LoveNotesOptions) {}

  /** Announces whatever fell due while the server was down, then waits for the next. */
  start(): Promise<void> {
    return this.deliverDue();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async send(journalId: string, fromUser: string, noteId: string, emoji: string, deliverAt: number): Promise<NoteDelivery> {
    const { storage, relay, now } = this.options;
    if (typeof emoji !== 'string' || emoji.length === 0 || emoji.length > MAX_EMOJI_CHARS || /[\p{L}\p{N}\s]/u.test(emoji)) {
      throw new NoteRefusal('bad_emoji', 'Pick one emoji for the note.');
    }
    const at = Math.max(deliverAt, now());
    if (!Number.isFinite(deliverAt) || at - now() > MAX_NOTE_DELAY_MS) {
      throw new NoteRefusal('bad_time', 'A note can be set for any time in the next 400 days.');
    }
    const docName = noteDocName(fromUser, noteId);
    const hasText = await relay.change(noteRoom(journalId, fromUser, noteId), (doc) => doc.getText(NOTE_TEXT_FIELD).toString().trim().length > 0);
    if (!hasText) throw new NoteRefusal('empty_note', 'Write the note before sending it; nothing has arrived yet.');
    const note = await storage.rituals.scheduleNote({ journalId, noteId, fromUser, emoji, deliverAt: at, docName, now: now() });
    if (note === null) throw new NoteRefusal('taken', 'That note id is already used. Write the note again to send it.');
    if (note.deliveredAt !== null || note.deliverAt < at) throw new NoteRefusal('delivered', 'This note has already been delivered.');
    await this.deliverDue();
    return note;
  }

  async cancel(journalId: string, fromUser: string, noteId: string): Promise<boolean> {
    const cancelled = await this.options.storage.rituals.cancelNote(journalId, noteId, fromUser, noteDocName(fromUser, noteId), this.options.now());
    if (cancelled) await this.deliverDue();
    return cancelled;
  }

  /**
   * The reader lets the writer know they have opened a note (their choice;
   * off by default, so the client calls this only when they turned it on).
   * Only for a delivered note written by someone else.
   */
  async markSeen(journalId: string, readerId: string, noteId: string): Promise<boolean> {
    const note = (await this.options.storage.rituals.notesOf(journalId)).find((n) => n.noteId === noteId);
    if (!note || note.deliveredAt === null || note.fromUser === readerId) return false;
    const at = this.options.now();
    await this.options.relay.change(ritualsRoom(journalId), (doc) => writeNoteSeen(doc, noteId, at));
    return true;
  }

  /** One delivery run at a time; a call during a run waits for it and runs again. */
  private deliverDue(): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(() => this.deliverBatch());
    this.running = run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  private async deliverBatch(): Promise<void> {
    const { storage, relay, now, log } = this.options;
    if (this.stopped) return;
    try {
      let due = await storage.rituals.dueNotes(now(), BATCH);
      while (due.length > 0 && !this.stopped) {
        for (const note of due) {
          // Its document is released now; its words go with the announcement, so readers need not open each note.
          const text = await relay.change(noteRoom(note.journalId, note.fromUser, note.noteId), (doc) => doc.getText(NOTE_TEXT_FIELD).toString());
          await relay.change(ritualsRoom(note.journalId), (doc) =>
            writeDeliveredNote(doc, { id: note.noteId, from: note.fromUser, emoji: note.emoji, deliveredAt: note.deliverAt, text }),
          );
          await storage.rituals.markDelivered(note.journalId, note.noteId, now());
        }
        due = await storage.rituals.dueNotes(now(), BATCH);
      }
    } catch (error) {
      // Not announced yet, but its document is already released; try again shortly.
      log.warn('could not announce due love notes', { error: String(error) });
      this.arm(now() + RETRY_MS);
      return;
    }
    this.arm(await storage.rituals.nextDelivery().catch(() => now() + RETRY_MS));
  }

  private arm(next: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (next === null || this.stopped) return;
    const delay = Math.min(Math.max(next - this.options.now(), 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => void this.deliverDue(), delay);
    this.timer.unref();
  }
}
