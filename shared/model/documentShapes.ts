/**
 * Moved: each kind's shape lives with its kind in `shared/documents/`, and the
 * type in `shared/documents/documentShape.ts`. Kept for code being moved in
 * parallel (server/relay); import from shared/documents instead.
 */
export type { DocumentShape, SharedTypeKind } from '../documents/documentShape.js';
export { ENTRY_SHAPE } from '../documents/entry.js';
export { INDEX_SHAPE } from '../documents/journalIndex.js';
export { COMMENTS_SHAPE as SERVER_WRITTEN_SHAPE } from '../documents/comments.js';
