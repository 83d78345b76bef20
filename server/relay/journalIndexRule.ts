import { COMMENT_SUMMARIES_FIELD, ENTRIES_FIELD, indexChangeProblem } from '#shared/documents/journalIndex.js';
import type { ChangeRule } from './types.js';

/**
 * The journal index's rule: members change the entries, but only ever under
 * their own name; the comment summaries are the server's alone.
 */
export const journalIndexRule: ChangeRule = {
  watch: (doc) => [doc.getMap(ENTRIES_FIELD), doc.getMap(COMMENT_SUMMARIES_FIELD)],
  check: (events, doc, sender) => {
    const summaries = doc.getMap(COMMENT_SUMMARIES_FIELD);
    if (events.some((event) => event.target === summaries)) return 'comment summaries are written by the server';
    const entries = doc.getMap<unknown>(ENTRIES_FIELD);
    return indexChangeProblem(
      events.filter((event) => event.target !== summaries),
      entries,
      { id: sender.userId, name: sender.userName },
    );
  },
};
