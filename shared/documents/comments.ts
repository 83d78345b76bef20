import * as v from 'valibot';
import type * as Y from 'yjs';
import type { Comment, CommentThread, EntryCommentCounts } from '../model/comments.js';
import type { DocumentKind } from './DocumentKind.js';
import type { DocumentShape } from './documentShape.js';
import { roomName } from './roomNames.js';

/**
 * An entry's comments document (`<journalId>/comments-<entryId>`),
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
 * - `getMap('reads')`: user id → the server time of the newest partner comment that person has
 *   seen (see `writeReadMark`).
 *
 * Every record is checked against its schema when read: a value this code
 * cannot read (a damaged record) is left out rather than breaking the reader,
 * so a damaged thread reads as absent and a command on it is refused (404),
 * never a crash.
 */
export const LEGACY_THREADS_FIELD = 'threads';
export const THREAD_HEADS_FIELD = 'threadHeads';
export const RESOLVED_FIELD = 'resolved';
export const COMMENTS_FIELD = 'comments';
export const REACTIONS_FIELD = 'reactions';
export const READS_FIELD = 'reads';

const THREAD_FIELDS = [LEGACY_THREADS_FIELD, THREAD_HEADS_FIELD, RESOLVED_FIELD, COMMENTS_FIELD, REACTIONS_FIELD];

/** The key of a comment (and of its reactions): thread and comment ids never contain `/`. */
export const commentKey = (threadId: string, commentId: string) => `${threadId}/${commentId}`;

// ---- Records, checked when read ----

const Person = v.object({ id: v.string(), name: v.string() });
const Time = v.pipe(v.number(), v.finite());
const AnchorVersionRecord = v.nullish(v.object({ client: v.number(), clock: v.number() }));
const HeadRecord = v.object({ id: v.string(), entryId: v.string(), quote: v.string(), anchorVersion: AnchorVersionRecord, createdBy: Person, createdAt: Time });
const ResolutionRecord = v.object({ by: Person, at: Time });
const ReactionsRecord = v.record(v.string(), v.array(v.string()));
const commentFields = {
  id: v.string(),
  author: Person,
  text: v.string(),
  createdAt: Time,
  editedAt: v.nullable(Time),
  deletedAt: v.nullable(Time),
};
const CommentRecord = v.object({ ...commentFields, n: v.pipe(v.number(), v.integer()) });
const LegacyThreadRecord = v.object({
  ...HeadRecord.entries,
  resolved: v.nullable(ResolutionRecord),
  comments: v.array(v.object({ ...commentFields, reactions: ReactionsRecord })),
});

/** A record as its schema reads it from JSON text; null for anything else (a damaged record). */
function read<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | null {
  if (typeof value !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const result = v.safeParse(schema, json);
  return result.success ? result.output : null;
}

const legacyThread = (value: unknown): CommentThread | null => read(LegacyThreadRecord, value);

/** Threads in the current layout (or only `only`), with their comments in order. */
function currentThreads(doc: Y.Doc, only?: string): Map<string, CommentThread> {
  const heads = doc.getMap<unknown>(THREAD_HEADS_FIELD);
  const resolved = doc.getMap<unknown>(RESOLVED_FIELD);
  const reactions = doc.getMap<unknown>(REACTIONS_FIELD);
  const threads = new Map<string, CommentThread>();
  const places = new Map<Comment, number>();
  const add = (id: string) => {
    const head = read(HeadRecord, heads.get(id));
    // A head stored under another id is as unreadable as a damaged one.
    if (!head || head.id !== id) return;
    threads.set(id, { ...head, resolved: read(ResolutionRecord, resolved.get(id)), comments: [] });
  };
  if (only === undefined) for (const id of heads.keys()) add(id);
  else add(only);
  if (threads.size === 0) return threads;

  const prefix = only === undefined ? '' : `${only}/`;
  doc.getMap<unknown>(COMMENTS_FIELD).forEach((value, key) => {
    const slash = key.indexOf('/');
    if (slash < 0 || !key.startsWith(prefix)) return;
    const thread = threads.get(key.slice(0, slash));
    const stored = thread && read(CommentRecord, value);
    if (!thread || !stored || commentKey(thread.id, stored.id) !== key) return;
    const { n, ...fields } = stored;
    const comment: Comment = { ...fields, reactions: read(ReactionsRecord, reactions.get(key)) ?? {} };
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
    if (thread?.id === id) threads.set(id, thread);
  });
  for (const [id, thread] of currentThreads(doc)) threads.set(id, thread);
  return threads;
}

/** One thread, in either layout; null when there is none. Reads only that thread's records. */
export function readThread(doc: Y.Doc, threadId: string): CommentThread | null {
  const current = currentThreads(doc, threadId).get(threadId);
  if (current) return current;
  const legacy = legacyThread(doc.getMap<unknown>(LEGACY_THREADS_FIELD).get(threadId));
  return legacy?.id === threadId ? legacy : null;
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

// ---- Writing (server only) ----

function headJson({ id, entryId, quote, anchorVersion, createdBy, createdAt }: CommentThread): string {
  return JSON.stringify({ id, entryId, quote, anchorVersion: anchorVersion ?? null, createdBy, createdAt } satisfies v.InferInput<typeof HeadRecord>);
}

function commentJson({ id, author, text, createdAt, editedAt, deletedAt }: Comment, n: number): string {
  return JSON.stringify({ id, author, text, createdAt, editedAt, deletedAt, n } satisfies v.InferInput<typeof CommentRecord>);
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

// ---- Read marks ----

/** The map of read marks, to observe; read values with `readReadMark`. */
export const readMarksMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(READS_FIELD);

/** One member's read mark (0 when there is none). */
export function readReadMark(doc: Y.Doc, userId: string): number {
  const value = readMarksMap(doc).get(userId);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Each member's read mark, by user id. */
export function readReadMarks(doc: Y.Doc): Map<string, number> {
  const reads = new Map<string, number>();
  readMarksMap(doc).forEach((value, id) => {
    if (typeof value === 'number' && Number.isFinite(value)) reads.set(id, value);
  });
  return reads;
}

/**
 * The mark after a request to move it to `requested`: it never goes back
 * (requests from two devices may arrive in any order) and never past `now`
 * (nothing written later can be "already read").
 */
export function nextReadMark(current: number | undefined, requested: number, now: number): number {
  return Math.max(current ?? 0, Math.min(requested, now));
}

/**
 * Moves `userId`'s own mark towards `requested` (server only: each person
 * moves only their own, through the API) and returns the mark as stored.
 * Times are the server's own `createdAt` values, so a device clock that is
 * off does not matter.
 */
export function writeReadMark(doc: Y.Doc, userId: string, requested: number, now: number): number {
  const reads = readMarksMap(doc);
  const current = reads.get(userId);
  const next = nextReadMark(typeof current === 'number' ? current : undefined, requested, now);
  if (next !== current) reads.set(userId, next);
  return next;
}

// ---- The kind ----

/** Only the server writes it: clients may add nothing. */
export const COMMENTS_SHAPE: DocumentShape = {
  maxDepth: 1,
  maxTypesPerUpdate: 0,
  maxStructsPerUpdate: 50_000,
  maxTypes: 100_000,
  maxRoots: 8,
  maxClientsPerUpdate: 256,
  maxClients: 20_000,
  nestedKinds: new Set(),
};

export const commentsDocument: DocumentKind = {
  name: 'comments',
  keyed: true,
  openTo: 'members',
  // Authorship has to be enforced by the server: threads change only through the API.
  writtenBy: 'server',
  rule: null,
  shape: COMMENTS_SHAPE,
};

export const commentsRoom = (journalId: string, entryId: string): string => roomName(commentsDocument, journalId, entryId);
