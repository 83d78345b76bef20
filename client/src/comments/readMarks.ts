import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { CommentThread } from '#shared/model/comments.js';
import { readMarksMap, readReadMark } from '#shared/documents/comments.js';
import type { CommentOutbox } from '../sync/CommentOutbox';

/**
 * What you have read of an entry's comments: the server time of the newest
 * partner comment you have seen. The mark that counts is the server's, in the
 * entry's comments document (so your phone knows what your laptop showed
 * you); a copy on this device (localStorage) covers the moments before the
 * server has it, offline included.
 */
const PREFIX = 'duet:comments-read:';

/** This device's copy of your mark (0 when there is none). */
export function deviceMark(userId: string, entryId: string): number {
  const value = Number(localStorage.getItem(`${PREFIX}${userId}:${entryId}`));
  return Number.isFinite(value) ? value : 0;
}

/** Your read mark on an entry: the newer of the server's and this device's. */
export function readMark(userId: string, entryId: string, server: number): number {
  return Math.max(server, deviceMark(userId, entryId));
}

/** Marks everything in `threads` as read, here at once and on the server through the outbox. */
export function markRead(
  outbox: CommentOutbox,
  userId: string,
  journalId: string,
  entryId: string,
  threads: Iterable<CommentThread>,
  server: number,
): void {
  let newest = 0;
  for (const thread of threads) for (const comment of thread.comments) if (comment.author.id !== userId) newest = Math.max(newest, comment.createdAt);
  if (newest > deviceMark(userId, entryId)) localStorage.setItem(`${PREFIX}${userId}:${entryId}`, String(newest));
  const queued = outbox.pending(journalId, entryId).some((item) => item.command.type === 'read' && item.command.seenAt >= newest);
  if (newest > server && !queued) outbox.enqueue(journalId, entryId, { type: 'read', seenAt: newest });
}

/** Comments by someone else, not deleted, written after `seenAt`. */
export function unreadIn(thread: CommentThread, userId: string, seenAt: number): number {
  return thread.comments.filter((c) => c.author.id !== userId && c.deletedAt === null && c.createdAt > seenAt).length;
}

/** Your mark in a comments document, kept current as the server moves it (from any of your devices). */
export function useServerReadMark(doc: Y.Doc | null, userId: string): number {
  const store = useMemo(() => {
    if (!doc) return { subscribe: () => () => {}, get: () => 0 };
    const reads = readMarksMap(doc);
    return {
      subscribe: (onChange: () => void) => {
        reads.observe(onChange);
        return () => reads.unobserve(onChange);
      },
      get: () => readReadMark(doc, userId),
    };
  }, [doc, userId]);
  return useSyncExternalStore(store.subscribe, store.get);
}
