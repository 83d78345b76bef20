import type Database from 'better-sqlite3';
import {
  type AnswerOutcome,
  DEFAULT_CHECKIN_DAY,
  type DayAnswer,
  type JournalRhythm,
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
}
