import type { CommentThread } from './comments.js';

/**
 * What the timeline shows of an entry's comments, kept by the server in the
 * journal index (`shared/documents/journalIndex.ts`) and rewritten after
 * every comment command and read mark. The timeline reads it live from the
 * index it already has, instead of opening every entry's comments document.
 */
export interface CommentSummary {
  /** Comments (not deleted) in open threads. */
  count: number;
  /** Per member: when the newest of those written by someone else was written (0: none). */
  latestFor: Record<string, number>;
  /** Per member: how many of those written by someone else are newer than the member's read mark. */
  unreadFor: Record<string, number>;
  /** Grows with every change to the comments document: devices fetch it again when this moves. */
  version: number;
}

export function summarizeComments(
  threads: Iterable<CommentThread>,
  reads: ReadonlyMap<string, number>,
  memberIds: readonly string[],
  version: number,
): CommentSummary {
  const summary: CommentSummary = { count: 0, latestFor: {}, unreadFor: {}, version };
  for (const id of memberIds) {
    summary.latestFor[id] = 0;
    summary.unreadFor[id] = 0;
  }
  for (const thread of threads) {
    if (thread.resolved) continue;
    for (const comment of thread.comments) {
      if (comment.deletedAt !== null) continue;
      summary.count++;
      for (const id of memberIds) {
        if (comment.author.id === id) continue;
        summary.latestFor[id] = Math.max(summary.latestFor[id], comment.createdAt);
        if (comment.createdAt > (reads.get(id) ?? 0)) summary.unreadFor[id]++;
      }
    }
  }
  return summary;
}
