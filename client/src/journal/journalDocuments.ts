import { setEntryText } from '#shared/documents/journalIndex.js';
import type { JournalDocuments } from '../sync/JournalDocuments';
import { readEntryText } from '../editor/entryText';

/** What the sync engine's background sync takes from the journal: the timeline's text of an entry. */
export const journalDocuments: JournalDocuments = {
  refreshEntryText(index, entryId, entry) {
    setEntryText(index, entryId, readEntryText(entry));
  },
};
