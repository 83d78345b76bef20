import { COMMENT_SUMMARIES_FIELD, parseCommentSummary } from '#shared/model/commentSummary.js';
import type { JournalDocuments } from '../sync/JournalDocuments';
import { entriesMap, readEntries, setEntryText } from './entryIndex';
import { readEntryText } from './entryText';

/** What the sync engine's background sync needs to know of a journal's index and entries. */
export const journalDocuments: JournalDocuments = {
  watchIndex(index, onChange) {
    const entries = entriesMap(index);
    const summaries = index.getMap(COMMENT_SUMMARIES_FIELD);
    entries.observeDeep(onChange);
    summaries.observe(onChange);
    return () => {
      entries.unobserveDeep(onChange);
      summaries.unobserve(onChange);
    };
  },
  liveEntries(index) {
    return readEntries(index)
      .filter((entry) => entry.deletedAt === null)
      .map((entry) => ({ id: entry.id, version: entry.updatedAt }));
  },
  commentsVersion(index, entryId) {
    return parseCommentSummary(index.getMap<unknown>(COMMENT_SUMMARIES_FIELD).get(entryId))?.version ?? null;
  },
  refreshEntryText(index, entryId, entry) {
    setEntryText(index, entryId, readEntryText(entry));
  },
};
