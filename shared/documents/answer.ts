import { isLocalDay, type LocalDay } from '../rituals/calendar.js';
import { isValidId } from '../model/ids.js';
import { answerReaderRule } from './answerRule.js';
import type { DocumentKind } from './DocumentKind.js';
import { ENTRY_SHAPE } from './entry.js';
import { docNameOf, ownedId, roomName } from './roomNames.js';

/**
 * One member's answer to a day's question (`<journalId>/answer-<userId>.<YYYY-MM-DD>`):
 * an entry-shaped document (body and title fields of `entry.ts`), so the
 * editor and comments work in it as in an entry. Sealed: only its writer's
 * devices receive it until both members have answered that day and the
 * server has released both answers together (docs/design/rituals.md).
 * Afterwards the partner reads it and may add (or take off) comment marks on
 * its words (`answerReaderRule`); only its writer ever changes the words.
 */
export const answerDocument: DocumentKind = {
  name: 'answer',
  keyed: true,
  openTo: 'ownerUntilReleased',
  writtenBy: 'owner',
  rule: null,
  readersMay: answerReaderRule,
  shape: ENTRY_SHAPE,
  validKey: isLocalDay,
};

export const answerDocName = (userId: string, day: LocalDay): string => docNameOf(answerDocument, ownedId(userId, day));
export const answerRoom = (journalId: string, userId: string, day: LocalDay): string => roomName(answerDocument, journalId, ownedId(userId, day));

/**
 * The key of an answer's comments document, `<j>/comments-answer_<day>_<ownerId>`:
 * an id the comments API takes like an entry's (8-64 of `A-Za-z0-9_-`), so
 * threads on an answer use the same routes, outbox and panel as an entry's.
 * The day has a fixed length, so the key reads back one way. The server seals
 * these comments with the answer (server/auth/roomAccess.ts).
 */
export const answerCommentsKey = (ownerId: string, day: LocalDay): string => `answer_${day}_${ownerId}`;

const ANSWER_COMMENTS_KEY = /^answer_(\d{4}-\d{2}-\d{2})_(.+)$/;

/** The answer whose comments a comments key names, or null for any other key (an entry's). */
export function parseAnswerCommentsKey(key: string): { ownerId: string; day: LocalDay } | null {
  const match = ANSWER_COMMENTS_KEY.exec(key);
  if (!match || !isLocalDay(match[1]) || !isValidId(match[2]) || !isValidId(key)) return null;
  return { ownerId: match[2], day: match[1] };
}
