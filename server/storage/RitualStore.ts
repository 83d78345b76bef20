/**
 * What the server keeps for the couple's rituals (docs/design/rituals.md):
 * the journal's rhythm (time zone, check-in day), who has answered each day's
 * question, and the releases that open a partner's owned document (a sealed
 * answer, a note for later, a draft) to the other member.
 */

export interface JournalRhythm {
  /** IANA zone the couple's days follow; null until a member's device has set it. */
  timeZone: string | null;
  /** Day of the weekly check-in, 1 = Monday ... 7 = Sunday. */
  checkinDay: number;
}

export const DEFAULT_CHECKIN_DAY = 7;

export interface DayAnswer {
  userId: string;
  questionId: string;
  answeredAt: number;
}

export interface AnswerOutcome {
  answers: DayAnswer[];
  /** When the day was revealed to both (this call or an earlier one), or null while someone has not answered. */
  revealedAt: number | null;
}

export interface RecordAnswer {
  journalId: string;
  day: string;
  userId: string;
  questionId: string;
  now: number;
  /** Everyone who must answer before the day is revealed (the journal's members). */
  members: readonly string[];
  /** The owned document holding a member's answer for this day, released to the others at the reveal. */
  answerDocOf(userId: string): string;
}

export interface RitualStore extends NoteDeliveryStore {
  rhythm(journalId: string): Promise<JournalRhythm>;
  setRhythm(journalId: string, change: Partial<JournalRhythm>): Promise<JournalRhythm>;

  /** When an owned document was (or will be) opened to the other members; null if it is not. */
  releasedAt(journalId: string, docName: string): Promise<number | null>;
  /** Opens an owned document to the other members from `at` on (returned); a release already past at `now` stays as it was. */
  release(journalId: string, docName: string, at: number, now: number): Promise<number>;
  /** Takes back a release that has not happened yet; false if it already has (or never existed). */
  withdrawRelease(journalId: string, docName: string, now: number): Promise<boolean>;

  /**
   * Records that a member has answered a day's question (again: kept as first
   * recorded). When every member has, releases every answer of the day in
   * the same transaction, so no one ever sees one answer without the other.
   */
  recordAnswer(answer: RecordAnswer): Promise<AnswerOutcome>;
  answersOf(journalId: string, day: string): Promise<AnswerOutcome>;
  /** Days revealed (every member answered): how far the couple has come. */
  daysAnsweredByAll(journalId: string): Promise<number>;
}

/** A note for later, as the server keeps it until (and after) its delivery. */
export interface NoteDelivery {
  journalId: string;
  noteId: string;
  fromUser: string;
  emoji: string;
  deliverAt: number;
  deliveredAt: number | null;
}

/** Love notes' delivery times: a note's document is released at `deliverAt`, announced once delivered. */
export interface NoteDeliveryStore {
  /**
   * Sets (or moves) a note's delivery and its document's release in one
   * transaction. A note already due or delivered stays as it was; returns it
   * as stored, or null for a note id another member already uses.
   */
  scheduleNote(note: Omit<NoteDelivery, 'deliveredAt'> & { docName: string; now: number }): Promise<NoteDelivery | null>;
  /** Takes back a note not yet delivered (and its release); false once it has been. */
  cancelNote(journalId: string, noteId: string, fromUser: string, docName: string, now: number): Promise<boolean>;
  /** Notes due at `now` and not yet marked delivered, over all journals, oldest first. */
  dueNotes(now: number, limit: number): Promise<NoteDelivery[]>;
  /** When the next undelivered note falls due, or null. */
  nextDelivery(): Promise<number | null>;
  markDelivered(journalId: string, noteId: string, at: number): Promise<void>;
  /** A journal's notes, delivered or not, for its writers' own lists. */
  notesOf(journalId: string): Promise<NoteDelivery[]>;
}
