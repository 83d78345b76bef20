import type { CommentThread } from '../../../shared/model/comments';

/**
 * What each person has read of an entry's comments, on this device only
 * (localStorage): the newest partner comment time seen. Server times are
 * compared with server times, so a device clock that is off does not matter.
 */
const PREFIX = 'duet:comments-read:';

export function readMark(userId: string, entryId: string): number {
  const value = Number(localStorage.getItem(`${PREFIX}${userId}:${entryId}`));
  return Number.isFinite(value) ? value : 0;
}

export function markRead(userId: string, entryId: string, threads: Iterable<CommentThread>): void {
  let newest = readMark(userId, entryId);
  for (const thread of threads) for (const comment of thread.comments) if (comment.author.id !== userId) newest = Math.max(newest, comment.createdAt);
  localStorage.setItem(`${PREFIX}${userId}:${entryId}`, String(newest));
}

/** Comments by someone else, not deleted, written after `seenAt`. */
export function unreadIn(thread: CommentThread, userId: string, seenAt: number): number {
  return thread.comments.filter((c) => c.author.id !== userId && c.deletedAt === null && c.createdAt > seenAt).length;
}
