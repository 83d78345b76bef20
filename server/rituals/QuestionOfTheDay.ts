import { addDays, isLocalDay, localDay, type LocalDay } from '#shared/rituals/calendar.js';
import { answerDocName, answerRoom } from '#shared/documents/answer.js';
import { extendSchedule, SCHEDULE_AHEAD_DAYS, type ScheduledQuestion } from '#shared/rituals/questionSchedule.js';
import { hasWords } from '#shared/documents/plainText.js';
import { type DayStatus, readSchedule, ritualsRoom, writeDayStatus, writeRhythm, writeSchedule } from '#shared/documents/rituals.js';
import { entryBody } from '#shared/documents/entry.js';
import type { Relay } from '../relay/Relay.js';
import type { JournalRhythm } from '../storage/RitualStore.js';
import type { Storage } from '../storage/Storage.js';

/** Why an answer was not recorded; the route turns it into a status and a sentence. */
export class AnswerRefusal extends Error {
  constructor(
    readonly reason: 'bad_day' | 'future_day' | 'unknown_question' | 'empty_answer',
    message: string,
  ) {
    super(message);
  }
}

export interface QuestionOfTheDayOptions {
  storage: Storage;
  relay: Relay;
  now: () => number;
  library: readonly ScheduledQuestion[];
}

/**
 * The question of the day on the server: keeps each journal's schedule
 * written ahead in its rituals document, records answers, and reveals a day
 * (releasing both answers in one transaction) once every member has answered.
 */
export class QuestionOfTheDay {
  private readonly known: Set<string>;

  constructor(private readonly options: QuestionOfTheDayOptions) {
    this.known = new Set(options.library.map((q) => q.id));
  }

  /** The couple's today, in their zone (UTC until a member's device has told the server theirs). */
  async today(journalId: string): Promise<LocalDay> {
    const rhythm = await this.options.storage.rituals.rhythm(journalId);
    return localDay(this.options.now(), rhythm.timeZone ?? 'UTC');
  }

  /** Writes the schedule through SCHEDULE_AHEAD_DAYS from today, and the rhythm, into the rituals document; says both. */
  async refresh(journalId: string): Promise<{ rhythm: JournalRhythm; today: LocalDay }> {
    const { storage, relay, library } = this.options;
    const rhythm = await storage.rituals.rhythm(journalId);
    const today = localDay(this.options.now(), rhythm.timeZone ?? 'UTC');
    const daysBothAnswered = await storage.rituals.daysAnsweredByAll(journalId);
    await relay.change(ritualsRoom(journalId), (doc) => {
      writeRhythm(doc, rhythm);
      const added = extendSchedule({
        journalId,
        schedule: readSchedule(doc),
        from: today,
        through: addDays(today, SCHEDULE_AHEAD_DAYS),
        daysBothAnswered,
        library,
      });
      if (added.size > 0) writeSchedule(doc, added);
    });
    return { rhythm, today };
  }

  async setRhythm(journalId: string, change: Partial<JournalRhythm>): Promise<JournalRhythm> {
    const rhythm = await this.options.storage.rituals.setRhythm(journalId, change);
    await this.refresh(journalId);
    return rhythm;
  }

  /**
   * Records that `userId` has answered `day`'s question. Their answer must be
   * stored already (the device syncs the document first, then asks), so a
   * reveal never opens an empty or missing document to the partner.
   */
  async answer(journalId: string, userId: string, day: string, questionId: string): Promise<DayStatus> {
    const { storage, relay } = this.options;
    if (!isLocalDay(day)) throw new AnswerRefusal('bad_day', 'The day must be a date written YYYY-MM-DD.');
    // A day ahead is allowed for a partner whose device crossed midnight a moment before the server did.
    if (day > addDays(await this.today(journalId), 1)) throw new AnswerRefusal('future_day', 'That day has not come yet.');
    if (!this.known.has(questionId)) throw new AnswerRefusal('unknown_question', 'That question is not in Duet’s library.');
    const hasText = await relay.change(answerRoom(journalId, userId, day), (doc) =>
      hasWords(entryBody(doc)),
    );
    if (!hasText) throw new AnswerRefusal('empty_answer', 'Write your answer before sharing it; nothing has arrived yet.');
    const members = (await storage.listMembers(journalId)).map((m) => m.userId);
    const outcome = await storage.rituals.recordAnswer({
      journalId,
      day,
      userId,
      questionId,
      now: this.options.now(),
      members,
      answerDocOf: (member) => answerDocName(member, day),
    });
    const status: DayStatus = {
      answeredBy: Object.fromEntries(outcome.answers.map((a) => [a.userId, a.answeredAt])),
      questionOf: Object.fromEntries(outcome.answers.map((a) => [a.userId, a.questionId])),
      revealedAt: outcome.revealedAt,
    };
    await relay.change(ritualsRoom(journalId), (doc) => writeDayStatus(doc, day, status));
    return status;
  }
}
