/**
 * Moved to `shared/documents/journalIndex.ts`, the index document's one
 * definition for client and server. Kept for code being moved in parallel
 * (client/src/collab) and older tests; import from shared/documents instead.
 */
export {
  type EntryAuthor,
  type EntrySummary,
  PREVIEW_CHARS,
  createEntry,
  entriesMap,
  localDay,
  mirrorEntry,
  readEntries,
  readEntrySummary,
  setEntryDeleted,
  setEntryText,
} from '#shared/documents/journalIndex.js';
