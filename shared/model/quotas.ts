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

/**
 * Journals one account may start (joining a partner's journal does not
 * count). A couple needs one; some keep one per child, trip or year. 20
 * covers that for decades, while one account can no longer fill the database
 * with empty journals. Journals cannot be deleted yet, so the number is
 * generous on purpose.
 */
export const MAX_JOURNALS_PER_ACCOUNT = 20;

/**
 * Invite links open at once on one journal (not used, revoked or expired). A
 * journal has one free place; a second or third link covers a message that
 * got lost. Revoking a link frees its place at once.
 */
export const MAX_OPEN_INVITES_PER_JOURNAL = 5;

/**
 * Invite links open at once over all the journals an account started: a few
 * journals being set up together, each with a link or two.
 */
export const MAX_OPEN_INVITES_PER_ACCOUNT = 10;

/**
 * Invite links one account may make in a day, whatever became of them. Open
 * links are capped above, but revoking frees a place, so without this a loop
 * of "make, revoke" would add stored invites without end. Fifty a day is far
 * more than a person ever needs.
 */
export const MAX_INVITES_PER_ACCOUNT_PER_DAY = 50;
export const INVITE_QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * What one journal may store of its documents (entries, comments, the index),
 * as stored bytes, history included. A couple writing a long entry every day
 * for ten years stores a few hundred megabytes; 1 GiB leaves room for that
 * and stops one member from filling the server's disk (refused with 4507 on
 * the relay, 507 `journal_storage_full` in the API).
 */
export const MAX_JOURNAL_BYTES = 1024 * 1024 * 1024;

/**
 * Documents one journal may hold: each entry is two (its text and its
 * comments). A daily entry for 27 years is 20,000; a script making empty
 * entries is stopped there.
 */
export const MAX_JOURNAL_DOCUMENTS = 20_000;

/**
 * One photo upload, as sent. A phone's camera makes 3 to 12 MB; a 48-megapixel
 * shot stays under 25 MB. Anything larger is refused (413) before it is stored.
 */
export const MAX_PHOTO_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * The pixels a photo may have once decoded (width × height). 100 megapixels
 * is more than any phone's usual shot; a "decompression bomb" (a small file
 * that claims huge dimensions) is refused (422) before it is decoded.
 */
export const MAX_PHOTO_PIXELS = 100_000_000;

/**
 * What one journal may store of photos (the three sizes the server keeps of
 * each, counted per photo even when two share a file). A few photos a day for
 * ten years is about 10,000 photos, some 3 GB at the sizes kept; 5 GiB leaves
 * room for that and keeps one couple from filling the disk (507 past it).
 */
export const MAX_JOURNAL_PHOTO_BYTES = 5 * 1024 * 1024 * 1024;

/**
 * New photos one person may upload in an hour (retries of one already stored
 * do not count). A holiday's worth picked at once is a few dozen; 120 stops a
 * script without getting in anyone's way (429 with Retry-After).
 */
export const MAX_PHOTO_UPLOADS_PER_HOUR = 120;
export const PHOTO_UPLOAD_WINDOW_MS = 60 * 60 * 1000;
