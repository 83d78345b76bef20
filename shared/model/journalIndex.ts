/**
 * Moved to `shared/documents/journalIndex.ts`, the index document's one
 * definition. Kept for code being moved in parallel (server/relay); import
 * from shared/documents instead.
 */
export { AUTHORS_KEY, CREATED_BY_KEY, ENTRIES_FIELD, type IndexWriter, indexChangeProblem } from '../documents/journalIndex.js';
