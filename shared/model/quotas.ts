/**
 * How much one person may store, in one place. Each number bounds something
 * a member could otherwise grow without end through the HTTP API; the relay's
 * own limits (frame size, per-person message budget) are in
 * `shared/protocol/limits.ts`. The server enforces these; clients may read
 * them to explain a refusal, never to enforce them.
 */

/** A comment's text. A long letter fits; a pasted book does not. */
export const MAX_COMMENT_CHARS = 5000;

/** The quoted phrase a thread is about: a sentence or a paragraph, not the whole entry. */
export const MAX_QUOTE_CHARS = 1000;

/**
 * Comments in one thread. A conversation about one phrase rarely passes a few
 * dozen; 500 leaves room for years of back-and-forth and keeps one thread a
 * size a phone can lay out at once.
 */
export const MAX_COMMENTS_PER_THREAD = 500;

/**
 * Threads on one entry, open or resolved. An entry is one day's writing: even
 * a comment on every sentence of a long entry is a few hundred. 2,000 bounds
 * the comments document every device loads whole when it opens the entry.
 */
export const MAX_THREADS_PER_ENTRY = 2000;

/**
 * Comments on one entry over all its threads. Without it the two caps above
 * would allow a million comments (several GB) on one entry. 10,000 comments
 * of a usual length (a few hundred characters) is a few MB, which a phone
 * still opens quickly.
 */
export const MAX_COMMENTS_PER_ENTRY = 10_000;

/** Different emoji under one comment; each person may use every one of them. */
export const MAX_REACTION_KINDS_PER_COMMENT = 20;
