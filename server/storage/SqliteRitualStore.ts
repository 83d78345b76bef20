import type Database from 'better-sqlite3';
import {
  type AnswerOutcome,
  DEFAULT_CHECKIN_DAY,
  type DayAnswer,
  type JournalRhythm,
  type NoteDelivery,
  type RecordAnswer,
  type RitualStore,
} from './RitualStore.js';

type Row = Record<string, unknown>;

/** The rituals' tables in the embedded database (migration 3 in sqliteSchema.ts). */
export class SqliteRitualStore implements RitualStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      rhythm: db.prepare('SELECT time_zone, checkin_day FROM journal_rhythm WHERE journal_id = ?'),
      upsertRhythm: db.prepare(
        `INSERT INTO journal_rhythm (journal_id, time_zone, checkin_day) VALUES (@journalId, @timeZone, @checkinDay)
         ON CONFLICT(journal_id) DO UPDATE SET time_zone = excluded.time_zone, checkin_day = excluded.checkin_day`,
      ),
      releasedAt: db.prepare('SELECT released_at FROM doc_releases WHERE journal_id = ? AND doc_name = ?'),
      insertRelease: db.prepare(
        `INSERT INTO doc_releases (journal_id, doc_name, released_at) VALUES (@journalId, @docName, @at)
         ON CONFLICT(journal_id, doc_name) DO UPDATE SET released_at = excluded.released_at WHERE doc_releases.released_at > @now`,
      ),
      withdraw: db.prepare('DELETE FROM doc_releases WHERE journal_id = ? AND doc_name = ? AND released_at > ?'),
      insertAnswer: db.prepare(
        `INSERT OR IGNORE INTO day_answers (journal_id, day, user_id, question_id, answered_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      answers: db.prepare('SELECT user_id, question_id, answered_at FROM day_answers WHERE journal_id = ? AND day = ? ORDER BY answered_at'),
      revealedAt: db.prepare('SELECT revealed_at FROM day_reveals WHERE journal_id = ? AND day = ?'),
      insertReveal: db.prepare('INSERT OR IGNORE INTO day_reveals (journal_id, day, revealed_at) VALUES (?, ?, ?)'),
      daysAnsweredByAll: db.prepare('SELECT COUNT(*) AS n FROM day_reveals WHERE journal_id = ?'),
      note: db.prepare('SELECT * FROM note_deliveries WHERE journal_id = ? AND note_id = ?'),
      upsertNote: db.prepare(
        `INSERT INTO note_deliveries (journal_id, note_id, from_user, emoji, deliver_at) VALUES (@journalId, @noteId, @fromUser, @emoji, @deliverAt)
         ON CONFLICT(journal_id, note_id) DO UPDATE SET emoji = excluded.emoji, deliver_at = excluded.deliver_at
         WHERE note_deliveries.delivered_at IS NULL AND note_deliveries.from_user = excluded.from_user`,
      ),
      deleteNote: db.prepare('DELETE FROM note_deliveries WHERE journal_id = ? AND note_id = ? AND from_user = ? AND delivered_at IS NULL'),
      dueNotes: db.prepare('SELECT * FROM note_deliveries WHERE delivered_at IS NULL AND deliver_at <= ? ORDER BY deliver_at LIMIT ?'),
      nextDelivery: db.prepare('SELECT MIN(deliver_at) AS at FROM note_deliveries WHERE delivered_at IS NULL'),
      markDelivered: db.prepare('UPDATE note_deliveries SET delivered_at = ? WHERE journal_id = ? AND note_id = ? AND delivered_at IS NULL'),
      notesOf: db.prepare('SELECT * FROM note_deliveries WHERE journal_id = ? ORDER BY deliver_at'),
    };
  }

  async rhythm(journalId: string): Promise<JournalRhythm> {
    const row = this.statements.rhythm.get(journalId) as Row | undefined;
    return { timeZone: (row?.time_zone as string | null) ?? null, checkinDay: (row?.checkin_day as number | undefined) ?? DEFAULT_CHECKIN_DAY };
  }

  async setRhythm(journalId: string, change: Partial<JournalRhythm>): Promise<JournalRhythm> {
    return this.db.transaction(() => {
      const row = this.statements.rhythm.get(journalId) as Row | undefined;
      const next: JournalRhythm = {
        timeZone: change.timeZone !== undefined ? change.timeZone : ((row?.time_zone as string | null) ?? null),
        checkinDay: change.checkinDay ?? (row?.checkin_day as number | undefined) ?? DEFAULT_CHECKIN_DAY,
      };
      this.statements.upsertRhythm.run({ journalId, ...next });
      return next;
    })();
  }

  async releasedAt(journalId: string, docName: string): Promise<number | null> {
    const row = this.statements.releasedAt.get(journalId, docName) as Row | undefined;
    return (row?.released_at as number | undefined) ?? null;
  }

  async release(journalId: string, docName: string, at: number, now: number): Promise<number> {
    return this.db.transaction(() => {
      this.statements.insertRelease.run({ journalId, docName, at, now });
      return (this.statements.releasedAt.get(journalId, docName) as Row).released_at as number;
    })();
  }

  async withdrawRelease(journalId: string, docName: string, now: number): Promise<boolean> {
    return this.statements.withdraw.run(journalId, docName, now).changes > 0;
  }

  async recordAnswer(answer: RecordAnswer): Promise<AnswerOutcome> {
    const { journalId, day, now } = answer;
    return this.db.transaction(() => {
      this.statements.insertAnswer.run(journalId, day, answer.userId, answer.questionId, now);
      const outcome = this.outcome(journalId, day);
      if (outcome.revealedAt !== null) return outcome;
      const answered = new Set(outcome.answers.map((a) => a.userId));
      if (answer.members.length < 2 || !answer.members.every((m) => answered.has(m))) return outcome;
      for (const member of answer.members) {
        this.statements.insertRelease.run({ journalId, docName: answer.answerDocOf(member), at: now, now });
      }
      this.statements.insertReveal.run(journalId, day, now);
      return { ...outcome, revealedAt: now };
    })();
  }

  async answersOf(journalId: string, day: string): Promise<AnswerOutcome> {
    return this.outcome(journalId, day);
  }

  async daysAnsweredByAll(journalId: string): Promise<number> {
    return (this.statements.daysAnsweredByAll.get(journalId) as Row).n as number;
  }

  private outcome(journalId: string, day: string): AnswerOutcome {
    const answers: DayAnswer[] = (this.statements.answers.all(journalId, day) as Row[]).map((r) => ({
      userId: r.user_id as string,
      questionId: r.question_id as string,
      answeredAt: r.answered_at as number,
    }));
    const reveal = this.statements.revealedAt.get(journalId, day) as Row | undefined;
    return { answers, revealedAt: (reveal?.revealed_at as number | undefined) ?? null };
  }

  async scheduleNote(note: Omit<NoteDelivery, 'deliveredAt'> & { docName: string; now: number }): Promise<NoteDelivery | null> {
    return this.db.transaction(() => {
      const existing = this.statements.note.get(note.journalId, note.noteId) as Row | undefined;
      // Someone else's note (say nothing of it), or one already due: its document is open, so it stays as it was.
      if (existing && existing.from_user !== note.fromUser) return null;
      if (existing && (existing.delivered_at !== null || (existing.deliver_at as number) <= note.now)) return toNote(existing);
      this.statements.upsertNote.run(note);
      this.statements.insertRelease.run({ journalId: note.journalId, docName: note.docName, at: note.deliverAt, now: note.now });
      return toNote(this.statements.note.get(note.journalId, note.noteId) as Row);
    })();
  }

  async cancelNote(journalId: string, noteId: string, fromUser: string, docName: string, now: number): Promise<boolean> {
    return this.db.transaction(() => {
      const existing = this.statements.note.get(journalId, noteId) as Row | undefined;
      // Due but not yet announced counts as delivered: the partner may already be reading it.
      if (!existing || existing.from_user !== fromUser || existing.delivered_at !== null || (existing.deliver_at as number) <= now) return false;
      this.statements.deleteNote.run(journalId, noteId, fromUser);
      this.statements.withdraw.run(journalId, docName, now);
      return true;
    })();
  }

  async dueNotes(now: number, limit: number): Promise<NoteDelivery[]> {
    return (this.statements.dueNotes.all(now, limit) as Row[]).map(toNote);
  }

  async nextDelivery(): Promise<number | null> {
    return ((this.statements.nextDelivery.get() as Row).at as number | null) ?? null;
  }

  async markDelivered(journalId: string, noteId: string, at: number): Promise<void> {
    this.statements.markDelivered.run(at, journalId, noteId);
  }

  async notesOf(journalId: string): Promise<NoteDelivery[]> {
    return (this.statements.notesOf.all(journalId) as Row[]).map(toNote);
  }
}

function toNote(row: Row): NoteDelivery {
  return {
    journalId: row.journal_id as string,
    noteId: row.note_id as string,
    fromUser: row.from_user as string,
    emoji: row.emoji as string,
    deliverAt: row.deliver_at as number,
    deliveredAt: (row.delivered_at as number | null) ?? null,
  };
}
