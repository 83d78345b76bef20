import { isLocalDay, type LocalDay } from '../rituals/calendar.js';
import type { DocumentKind } from './DocumentKind.js';
import { ENTRY_SHAPE } from './entry.js';
import { roomName } from './roomNames.js';

/**
 * One member's answer to a day's question (`<journalId>/answer-<userId>.<YYYY-MM-DD>`):
 * an entry-shaped document (body and title fields of `entry.ts`), so the
 * editor and comments work in it as in an entry. Sealed: only its writer's
 * devices receive it until both members have answered that day and the
 * server has released both answers together (docs/design/rituals.md).
 * Afterwards the partner reads it; only its writer ever changes it.
 */
export const answerDocument: DocumentKind = {
  name: 'answer',
  keyed: true,
  openTo: 'ownerUntilReleased',
  writtenBy: 'owner',
  rule: null,
  shape: ENTRY_SHAPE,
  validKey: isLocalDay,
};

export const answerDocName = (userId: string, day: LocalDay): string => `${answerDocument.name}-${userId}.${day}`;
export const answerRoom = (journalId: string, userId: string, day: LocalDay): string => roomName(answerDocument, journalId, `${userId}.${day}`);
