import type * as Y from 'yjs';

/** One entry as background sync needs it. */
export interface IndexedEntry {
  id: string;
  /** Changes whenever the entry does (the index's `updatedAt`). */
  version: number;
}

/**
 * What background sync needs to know about a journal's documents, passed in
 * so the engine holds no knowledge of their fields (they are defined with
 * the journal's document kinds).
 */
export interface JournalDocuments {
  /** Calls `onChange` whenever the index's entries or comment summaries change. */
  watchIndex(index: Y.Doc, onChange: () => void): () => void;
  /** The live (not deleted) entries, newest first. */
  liveEntries(index: Y.Doc): IndexedEntry[];
  /** The version of an entry's comments as the index's summary says (null: none). */
  commentsVersion(index: Y.Doc, entryId: string): number | null;
  /**
   * After offline changes met the partner's: writes the merged entry's title
   * and preview into the index (nobody else has that text to mirror).
   */
  refreshEntryText(index: Y.Doc, entryId: string, entry: Y.Doc): void;
}
