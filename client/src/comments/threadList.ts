import type { CommentThread } from '../../../shared/model/comments';
import type { Anchor } from './commentAnchors';
import type { OutboxItem } from './commentOutbox';

/** One open thread as the panel lists it; either half may be missing for a while. */
export interface ListedThread {
  id: string;
  /** Null while the server's copy has not arrived (sending, or still syncing). */
  thread: CommentThread | null;
  /** Whether its phrase is still in the text; false means "on deleted text". */
  anchored: boolean;
  /** The phrase as it reads in the text now, when anchored; the stored quote is what it read when the thread began. */
  phrase: string | null;
  /** The queued request that creates it, when it has not reached the server. */
  pending: Extract<OutboxItem['command'], { type: 'createThread' }> | null;
}

/**
 * Open threads in the order of their phrases in the text, then those whose
 * phrase is gone (oldest first); resolved threads apart, oldest first.
 * `anchorsKnown` is false before the editor is up: nothing is called
 * "on deleted text" on the strength of a document not yet read.
 */
export function listThreads(
  threads: Map<string, CommentThread>,
  anchors: Anchor[],
  queued: OutboxItem[],
  anchorsKnown: boolean,
): { open: ListedThread[]; resolved: CommentThread[] } {
  const pending = new Map<string, ListedThread['pending']>();
  for (const item of queued) if (item.command.type === 'createThread') pending.set(item.command.threadId, item.command);
  const open: ListedThread[] = [];
  const seen = new Set<string>();
  for (const anchor of anchors) {
    seen.add(anchor.threadId);
    const thread = threads.get(anchor.threadId) ?? null;
    if (thread?.resolved) continue;
    open.push({ id: anchor.threadId, thread, anchored: true, phrase: anchor.text, pending: pending.get(anchor.threadId) ?? null });
  }
  const loose = [...threads.values()].filter((t) => !seen.has(t.id) && !t.resolved).sort((a, b) => a.createdAt - b.createdAt);
  for (const thread of loose) {
    seen.add(thread.id);
    open.push({ id: thread.id, thread, anchored: !anchorsKnown, phrase: null, pending: null });
  }
  for (const [id, command] of pending) if (!seen.has(id)) open.push({ id, thread: null, anchored: !anchorsKnown, phrase: null, pending: command });
  const resolved = [...threads.values()].filter((t) => t.resolved).sort((a, b) => a.createdAt - b.createdAt);
  return { open, resolved };
}
