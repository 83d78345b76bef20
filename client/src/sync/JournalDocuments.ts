import type * as Y from 'yjs';

/**
 * What background sync cannot do with the shared document readers alone
 * (it reads the index with `shared/documents/journalIndex.ts`): the entry's
 * plain text for the timeline is read by the client's own text walker,
 * passed in so the engine needs no editor code.
 */
export interface JournalDocuments {
  /**
   * After offline changes met the partner's: writes the merged entry's title
   * and preview into the index (nobody else has that text to mirror).
   */
  refreshEntryText(index: Y.Doc, entryId: string, entry: Y.Doc): void;
}
