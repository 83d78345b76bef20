import type * as Y from 'yjs';
import { readDayStatus } from './rituals.js';

/**
 * Takes a member's "has answered" off every day not yet revealed, in the rituals document, when
 * their account is deleted: the answer itself is removed with the account, so the partner must not
 * go on waiting for a reveal of it. Revealed days keep both marks. Server only; true if it wrote.
 */
export function forgetSealedAnswers(doc: Y.Doc, userId: string): boolean {
  const days = doc.getMap<unknown>('days');
  let changed = false;
  for (const day of [...days.keys()]) {
    const status = readDayStatus(doc, day);
    if (status.revealedAt !== null || !(userId in status.answeredBy)) continue;
    const answeredBy = { ...status.answeredBy };
    const questionOf = { ...status.questionOf };
    delete answeredBy[userId];
    delete questionOf[userId];
    days.set(day, { answeredBy, questionOf, revealedAt: null });
    changed = true;
  }
  return changed;
}
