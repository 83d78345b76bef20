import {
  MAX_COMMENTS_PER_ENTRY,
  MAX_COMMENTS_PER_THREAD,
  MAX_COMMENT_CHARS,
  MAX_QUOTE_CHARS,
  MAX_REACTION_KINDS_PER_COMMENT,
  MAX_THREADS_PER_ENTRY,
} from './quotas.js';

export { MAX_COMMENT_CHARS, MAX_QUOTE_CHARS };

/**
 * Comment threads on an entry. Threads live in the entry's comments document
 * (`<journalId>/comments-<entryId>`; its layout is in `shared/documents/comments.ts`). Only
 * the server writes that document, after checking who may do what (see
 * `applyCommentCommand`), so a name on a comment is always its real author's.
 *
 * The anchor lives in the entry itself: a `comment` mark carrying the thread
 * id on the commented phrase. The thread keeps the quoted phrase, so when the
 * phrase is deleted the thread can still show what it was about.
 */
export interface Person {
  id: string;
  name: string;
}

export interface Comment {
  id: string;
  author: Person;
  /** Plain text; never interpreted as markup. Empty once deleted. */
  text: string;
  createdAt: number;
  editedAt: number | null;
  /** A deleted comment stays as a marker so replies keep their context. */
  deletedAt: number | null;
  /** Emoji → ids of the people who reacted with it. */
  reactions: Record<string, string[]>;
}

/**
 * Where a thread's anchor was written in the entry document: the commenter's
 * Yjs client id there and their clock just after adding the mark. The thread
 * and the mark travel through different documents and may arrive in either
 * order; a reader whose entry document has reached this version and has no
 * mark knows the phrase is gone, and before that knows the mark is on its way.
 */
export interface AnchorVersion {
  client: number;
  clock: number;
}

export interface CommentThread {
  id: string;
  entryId: string;
  quote: string;
  /** Null for threads whose client did not say (the reader then cannot tell "on its way" from "deleted"). */
  anchorVersion?: AnchorVersion | null;
  createdBy: Person;
  createdAt: number;
  resolved: { by: Person; at: number } | null;
  comments: Comment[];
}

/** What the entry already holds, over all its threads: the caps per entry are checked against it. */
export interface EntryCommentCounts {
  threads: number;
  comments: number;
}

export type CommentCommand =
  | { type: 'createThread'; threadId: string; quote: string; commentId: string; text: string; anchorVersion?: AnchorVersion | null }
  | { type: 'reply'; threadId: string; commentId: string; text: string }
  | { type: 'edit'; threadId: string; commentId: string; text: string }
  | { type: 'delete'; threadId: string; commentId: string }
  | { type: 'react'; threadId: string; commentId: string; emoji: string; on: boolean }
  | { type: 'resolve'; threadId: string; resolved: boolean };

/** Why a command was refused, in words for the person who sent it. */
export class CommentRefusal extends Error {
  constructor(
    readonly reason: 'not_found' | 'not_author' | 'invalid' | 'conflict' | 'thread_full' | 'too_many_threads' | 'too_many_comments',
    message: string,
  ) {
    super(message);
  }
}

/** Plain text as stored: trimmed, without control characters other than newlines and tabs. */
export function cleanCommentText(text: string, max = MAX_COMMENT_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  if (cleaned.length === 0) throw new CommentRefusal('invalid', 'Write something first.');
  if (cleaned.length > max) throw new CommentRefusal('invalid', `A comment can be at most ${max} characters.`);
  return cleaned;
}

function checkedAnchorVersion(version: unknown): AnchorVersion | null {
  if (version === undefined || version === null) return null;
  const { client, clock } = version as Partial<AnchorVersion>;
  const valid = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (typeof version !== 'object' || !valid(client) || !valid(clock)) {
    throw new CommentRefusal('invalid', 'anchorVersion must be {client, clock} with whole numbers of at least 0.');
  }
  return { client: client as number, clock: clock as number };
}

/** One emoji (a pictographic character, possibly with modifiers), nothing else. */
export function isReactionEmoji(emoji: string): boolean {
  return emoji.length <= 16 && /^\p{Extended_Pictographic}[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200D\uFE0F]*$/u.test(emoji);
}

function findComment(thread: CommentThread, commentId: string): Comment {
  const comment = thread.comments.find((c) => c.id === commentId);
  if (!comment) throw new CommentRefusal('not_found', 'That comment does not exist.');
  return comment;
}

function ownComment(thread: CommentThread, commentId: string, actor: Person): Comment {
  const comment = findComment(thread, commentId);
  if (comment.author.id !== actor.id) throw new CommentRefusal('not_author', 'Only the person who wrote a comment can change or delete it.');
  if (comment.deletedAt !== null) throw new CommentRefusal('conflict', 'This comment was deleted.');
  return comment;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Refuses a new comment when the entry holds all it may. */
function checkRoomForComment(entry: EntryCommentCounts): void {
  if (entry.comments >= MAX_COMMENTS_PER_ENTRY) {
    throw new CommentRefusal(
      'too_many_comments',
      `This entry has ${count(MAX_COMMENTS_PER_ENTRY)} comments (deleted ones count too), the most one entry can hold. Go on in the comments of another entry.`,
    );
  }
}

/**
 * Applies one command by `actor` to a thread (null when it does not exist yet)
 * and returns the new thread, or the same object when the command changes
 * nothing (a retried request from an offline outbox). `entry` is what the
 * entry holds already, for its caps. Throws CommentRefusal.
 * Pure: the server calls it with the current stored thread.
 */
export function applyCommentCommand(
  thread: CommentThread | null,
  command: CommentCommand,
  actor: Person,
  entryId: string,
  now: number,
  entry: EntryCommentCounts,
): CommentThread {
  if (command.type === 'createThread') {
    if (thread) {
      // The same request again (an outbox retry) is fine; anything else is a clash of ids.
      if (thread.createdBy.id === actor.id && thread.comments[0]?.id === command.commentId) return thread;
      throw new CommentRefusal('conflict', 'A thread with this id already exists.');
    }
    if (entry.threads >= MAX_THREADS_PER_ENTRY) {
      throw new CommentRefusal(
        'too_many_threads',
        `This entry has ${count(MAX_THREADS_PER_ENTRY)} comment threads, the most one entry can hold. Reply in a thread that is already there, or comment on another entry.`,
      );
    }
    checkRoomForComment(entry);
    return {
      id: command.threadId,
      entryId,
      quote: cleanCommentText(command.quote, MAX_QUOTE_CHARS),
      anchorVersion: checkedAnchorVersion(command.anchorVersion),
      createdBy: actor,
      createdAt: now,
      resolved: null,
      comments: [{ id: command.commentId, author: actor, text: cleanCommentText(command.text), createdAt: now, editedAt: null, deletedAt: null, reactions: {} }],
    };
  }
  if (!thread) throw new CommentRefusal('not_found', 'That thread does not exist.');
  switch (command.type) {
    case 'reply': {
      const existing = thread.comments.find((c) => c.id === command.commentId);
      if (existing) {
        if (existing.author.id === actor.id) return thread;
        throw new CommentRefusal('conflict', 'A comment with this id already exists.');
      }
      if (thread.comments.length >= MAX_COMMENTS_PER_THREAD) {
        throw new CommentRefusal('thread_full', `This thread has ${count(MAX_COMMENTS_PER_THREAD)} comments, the most one thread can hold. Start a new thread to go on.`);
      }
      checkRoomForComment(entry);
      const reply: Comment = { id: command.commentId, author: actor, text: cleanCommentText(command.text), createdAt: now, editedAt: null, deletedAt: null, reactions: {} };
      return { ...thread, comments: [...thread.comments, reply] };
    }
    case 'edit': {
      const comment = ownComment(thread, command.commentId, actor);
      const text = cleanCommentText(command.text);
      if (text === comment.text) return thread;
      return replaceComment(thread, { ...comment, text, editedAt: now });
    }
    case 'delete': {
      const comment = findComment(thread, command.commentId);
      if (comment.author.id !== actor.id) throw new CommentRefusal('not_author', 'Only the person who wrote a comment can delete it.');
      if (comment.deletedAt !== null) return thread;
      return replaceComment(thread, { ...comment, text: '', deletedAt: now, reactions: {} });
    }
    case 'react': {
      if (!isReactionEmoji(command.emoji)) throw new CommentRefusal('invalid', 'A reaction is one emoji.');
      const comment = findComment(thread, command.commentId);
      if (comment.deletedAt !== null) throw new CommentRefusal('conflict', 'This comment was deleted.');
      const people = comment.reactions[command.emoji] ?? [];
      const has = people.includes(actor.id);
      if (has === command.on) return thread;
      const nextPeople = command.on ? [...people, actor.id] : people.filter((id) => id !== actor.id);
      const reactions = { ...comment.reactions, [command.emoji]: nextPeople };
      if (nextPeople.length === 0) delete reactions[command.emoji];
      if (Object.keys(reactions).length > MAX_REACTION_KINDS_PER_COMMENT) throw new CommentRefusal('invalid', 'That is a lot of reactions already.');
      return replaceComment(thread, { ...comment, reactions });
    }
    case 'resolve': {
      // Whoever acts last wins; the server applies commands one at a time, so both partners see the same outcome.
      if ((thread.resolved !== null) === command.resolved) return thread;
      return { ...thread, resolved: command.resolved ? { by: actor, at: now } : null };
    }
  }
}

function replaceComment(thread: CommentThread, comment: Comment): CommentThread {
  return { ...thread, comments: thread.comments.map((c) => (c.id === comment.id ? comment : c)) };
}
