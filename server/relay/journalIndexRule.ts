import { ENTRIES_FIELD, indexChangeProblem } from '../../shared/model/journalIndex.js';
import type * as Y from 'yjs';
import type { ChangeRule } from './types.js';

/** The journal index's rule: members change it, but only ever under their own name. */
export const journalIndexRule: ChangeRule = {
  watch: (doc) => doc.getMap(ENTRIES_FIELD),
  check: (events, watched, sender) => indexChangeProblem(events, watched as Y.Map<unknown>, { id: sender.userId, name: sender.userName }),
};
