import type * as Y from 'yjs';
import type { Comment, CommentThread, EntryCommentCounts } from './comments.js';
import { READS_FIELD } from './readMarks.js';

/**
 * The layout of an entry's comments document (`<journalId>/comments-<entryId>`),
 * read the same way on the server and in the browser; only the server writes
 * it. Each command writes only what it changes, so the stored update log grows
 * with what people write, not with the length of the thread:
 *
 * - `getMap('threadHeads')`: thread id → JSON `{id, entryId, quote, anchorVersion, createdBy, createdAt}`,
 *   written once when the thread starts.
 * - `getMap('resolved')`: thread id → JSON `{by, at}` while the thread is resolved; absent while open.
 * - `getMap('comments')`: `<threadId>/<commentId>` → JSON `{id, author, text, createdAt, editedAt, deletedAt, n}`,
 *   `n` its place in the thread from 0. Rewritten by an edit or a delete of that comment only.
 * - `getMap('reactions')`: `<threadId>/<commentId>` → JSON `{emoji: [user id, ...]}`, in the order
 *   people reacted; absent when there are none. A reaction rewrites this small record, not the comment.
 * - `getMap('threads')`: the layout before these: thread id → the whole thread as JSON. Still read;
 *   the first command that changes such a thread moves it to the maps above in the same write.
 *
 * A value this code cannot read (a damaged record) is left out rather than
 * breaking the reader.
 */
export const LEGACY_THREADS_FIELD = 'threads';
export const THREAD_HEADS_FIELD = 'threadHeads';
export const RESOLVED_FIELD = 'resolved';
export const COMMENTS_FIELD = 'comments';
export const REACTIONS_FIELD = 'reactions';

/** A thread as stored in `threadHeads`: everything that never changes after it starts. */
type ThreadHead = Omit<CommentThread, 'resolved' | 'comments'>;
/** A comment as stored in `comments`: its reactions live apart, and `n` keeps the thread's order. */
type StoredComment = Omit<Comment, 'reactions'> & { n: number };

const THREAD_FIELDS = [LEGACY_THREADS_FIELD, THREAD_HEADS_FIELD, RESOLVED_FIELD, COMMENTS_FIELD, REACTIONS_FIELD];

/** The key of a comment (and of its reactions): thread and comment ids never contain `/`. */
export const commentKey = (threadId: string, commentId: string) => `${threadId}/${commentId}`;

function parse(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function legacyThread(value: unknown): CommentThread | null {
  const thread = parse(value);
  return thread && Array.isArray(thread.comments) ? (thread as unknown as CommentThread) : null;
}

function headOf(value: unknown): ThreadHead | null {
  const head = parse(value);
  return head && typeof head.id === 'string' && typeof head.createdAt === 'number' ? (head as unknown as ThreadHead) : null;
}

function storedComment(value: unknown): StoredComment | null {
  const comment = parse(value);
  return comment && typeof comment.id === 'string' && typeof comment.n === 'number' ? (comment as unknown as StoredComment) : null;
}

/** Threads in the current layout (or only `only`), with their comments in order. */
function currentThreads(doc: Y.Doc, only?: string): Map<string, CommentThread> {
  const heads = doc.getMap<unknown>(THREAD_HEADS_FIELD);
  const resolved = doc.getMap<unknown>(RESOLVED_FIELD);
  const reactions = doc.getMap<unknown>(REACTIONS_FIELD);
  const threads = new Map<string, CommentThread>();
  const places = new Map<Comment, number>();
  const add = (id: string) => {
    const head = headOf(heads.get(id));
    if (!head) return;
    const resolution = parse(resolved.get(id));
    threads.set(id, { ...head, resolved: resolution as CommentThread['resolved'], comments: [] });
  };
  if (only === undefined) for (const id of heads.keys()) add(id);
  else add(only);
  if (threads.size === 0) return threads;

  const prefix = only === undefined ? '' : `${only}/`;
  doc.getMap<unknown>(COMMENTS_FIELD).forEach((value, key) => {
    const slash = key.indexOf('/');
    if (slash < 0 || !key.startsWith(prefix)) return;
    const thread = threads.get(key.slice(0, slash));
    const stored = thread && storedComment(value);
    if (!thread || !stored) return;
    const { n, ...fields } = stored;
    const comment: Comment = { ...fields, reactions: (parse(reactions.get(key)) as Comment['reactions'] | null) ?? {} };
    places.set(comment, n);
    thread.comments.push(comment);
  });
  for (const thread of threads.values()) thread.comments.sort((x, y) => places.get(x)! - places.get(y)!);
  return threads;
}

/** The threads, by id, in either layout. */
export function readThreads(doc: Y.Doc): Map<string, CommentThread> {
  const threads = new Map<string, CommentThread>();
  doc.getMap<unknown>(LEGACY_THREADS_FIELD).forEach((value, id) => {
    const thread = legacyThread(value);
    if (thread) threads.set(id, thread);
  });
  for (const [id, thread] of currentThreads(doc)) threads.set(id, thread);
  return threads;
}

/** One thread, in either layout; null when there is none. Reads only that thread's records. */
export function readThread(doc: Y.Doc, threadId: string): CommentThread | null {
  return currentThreads(doc, threadId).get(threadId) ?? legacyThread(doc.getMap<unknown>(LEGACY_THREADS_FIELD).get(threadId));
}

/** How many threads and comments (deleted ones included: their markers are stored) the entry holds. */
export function countComments(doc: Y.Doc): EntryCommentCounts {
  const legacy = doc.getMap<unknown>(LEGACY_THREADS_FIELD);
  let comments = doc.getMap<unknown>(COMMENTS_FIELD).size;
  legacy.forEach((value) => {
    comments += legacyThread(value)?.comments.length ?? 0;
  });
  return { threads: doc.getMap<unknown>(THREAD_HEADS_FIELD).size + legacy.size, comments };
}

function headJson({ id, entryId, quote, anchorVersion, createdBy, createdAt }: CommentThread): string {
  return JSON.stringify({ id, entryId, quote, anchorVersion: anchorVersion ?? null, createdBy, createdAt } satisfies ThreadHead);
}

function commentJson({ id, author, text, createdAt, editedAt, deletedAt }: Comment, n: number): string {
  return JSON.stringify({ id, author, text, createdAt, editedAt, deletedAt, n } satisfies StoredComment);
}

const reactionsJson = (reactions: Comment['reactions']) => (Object.keys(reactions).length > 0 ? JSON.stringify(reactions) : null);

function setOrDelete(map: Y.Map<string>, key: string, value: string | null): void {
  if (value === null) map.delete(key);
  else map.set(key, value);
}

/**
 * Writes `after`, the result of one command on `before` (as read by
 * `readThread`), touching only the records that differ. A thread still in the
 * old layout is moved to the current one here, in the same transaction.
 * Server only: clients cannot write the comments document.
 */
export function writeThread(doc: Y.Doc, before: CommentThread | null, after: CommentThread): void {
  const legacy = doc.getMap<string>(LEGACY_THREADS_FIELD);
  const heads = doc.getMap<string>(THREAD_HEADS_FIELD);
  const resolved = doc.getMap<string>(RESOLVED_FIELD);
  const comments = doc.getMap<string>(COMMENTS_FIELD);
  const reactions = doc.getMap<string>(REACTIONS_FIELD);
  const moving = legacy.has(after.id);
  if (moving) legacy.delete(after.id);
  // Moving writes every record; otherwise records equal to what is stored are left alone.
  const old = moving ? null : before;

  const head = headJson(after);
  if (!old || headJson(old) !== head) heads.set(after.id, head);
  const resolution = after.resolved ? JSON.stringify(after.resolved) : null;
  if (resolution !== (old?.resolved ? JSON.stringify(old.resolved) : null)) setOrDelete(resolved, after.id, resolution);

  const previous = new Map(old?.comments.map((c, n) => [c.id, { comment: c, n }]));
  after.comments.forEach((comment, n) => {
    const key = commentKey(after.id, comment.id);
    const was = previous.get(comment.id);
    previous.delete(comment.id);
    if (was?.comment === comment) return;
    const body = commentJson(comment, n);
    if (!was || commentJson(was.comment, was.n) !== body) comments.set(key, body);
    const marks = reactionsJson(comment.reactions);
    if (marks !== (was ? reactionsJson(was.comment.reactions) : null)) setOrDelete(reactions, key, marks);
  });
  // Commands never remove a comment (a deleted one stays as a marker); this only keeps the layout honest if one ever does.
  for (const id of previous.keys()) {
    comments.delete(commentKey(after.id, id));
    reactions.delete(commentKey(after.id, id));
  }
}

/**
 * Calls `listener` once after each transaction that changed any thread
 * (whatever the layout), not for read marks. Returns the unsubscribe.
 */
export function onThreadsChange(doc: Y.Doc, listener: () => void): () => void {
  const maps = new Set<unknown>(THREAD_FIELDS.map((field) => doc.getMap<unknown>(field)));
  const handler = (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) if (maps.has(type)) return listener();
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/** Each member's read mark (shared/model/readMarks.ts), by user id. */
export function readReadMarks(doc: Y.Doc): Map<string, number> {
  const reads = new Map<string, number>();
  doc.getMap<unknown>(READS_FIELD).forEach((value, id) => {
    if (typeof value === 'number' && Number.isFinite(value)) reads.set(id, value);
  });
  return reads;
}
