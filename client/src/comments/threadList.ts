import type { AnchorVersion, CommentThread } from '#shared/model/comments.js';
import type { Anchor } from '#shared/schema/commentMark.js';
import type { OutboxItem } from '../sync/CommentOutbox';

/**
 * Where a thread's phrase is: in the text; not known yet (the editor is not
 * up, or the mark has not arrived: thread and mark travel separately); or
 * gone ("on deleted text").
 */
export type Placement = 'text' | 'arriving' | 'deleted';

/** One thread as the panel lists it; either half may be missing for a while. */
export interface ListedThread {
  id: string;
  /** Null while the server's copy has not arrived (sending, or still syncing). */
  thread: CommentThread | null;
  placement: Placement;
  /** The phrase as it reads in the text now, when it is there; the stored quote is what it read when the thread began. */
  phrase: string | null;
  /** The queued request that creates it, when it has not reached the server. */
  pending: Extract<OutboxItem['command'], { type: 'createThread' }> | null;
}

export interface ThreadSources {
  threads: Map<string, CommentThread>;
  /** The comment marks in the text (empty until the editor is up). */
  anchors: Anchor[];
  queued: OutboxItem[];
  /** False before the editor is up: nothing is called "on deleted text" on the strength of a document not yet read. */
  anchorsKnown: boolean;
  /** Whether the entry document here has reached a version (so a mark written in it would be here). */
  reached: (version: AnchorVersion) => boolean;
}

/**
 * Open threads in the order of their phrases in the text, then those whose
 * phrase is not in the text (oldest first), then new ones still sending;
 * resolved threads apart, oldest first.
 */
export function listThreads({ threads, anchors, queued, anchorsKnown, reached }: ThreadSources): { open: ListedThread[]; resolved: ListedThread[] } {
  const pending = new Map<string, ListedThread['pending']>();
  for (const item of queued) if (item.command.type === 'createThread') pending.set(item.command.threadId, item.command);
  const phrases = new Map(anchors.map((a) => [a.threadId, a.text]));
  const placementOf = (thread: CommentThread | null, id: string): Placement => {
    if (!anchorsKnown) return 'arriving';
    // Not in the text: deleted, unless the text here has not yet reached the version the mark
    // was written in (the thread, or the queued request from another tab, came first).
    const version = thread?.anchorVersion ?? pending.get(id)?.anchorVersion;
    if (version && !reached(version)) return 'arriving';
    return 'deleted';
  };
  const listed = (id: string, thread: CommentThread | null): ListedThread => ({
    id,
    thread,
    placement: phrases.has(id) ? 'text' : placementOf(thread, id),
    phrase: phrases.get(id) ?? null,
    pending: pending.get(id) ?? null,
  });

  const open: ListedThread[] = [];
  const seen = new Set<string>();
  for (const anchor of anchors) {
    seen.add(anchor.threadId);
    const thread = threads.get(anchor.threadId) ?? null;
    if (!thread?.resolved) open.push(listed(anchor.threadId, thread));
  }
  const loose = [...threads.values()].filter((t) => !seen.has(t.id) && !t.resolved).sort((a, b) => a.createdAt - b.createdAt);
  for (const thread of loose) {
    seen.add(thread.id);
    open.push(listed(thread.id, thread));
  }
  for (const id of pending.keys()) if (!seen.has(id)) open.push(listed(id, null));
  const resolved = [...threads.values()]
    .filter((t) => t.resolved)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((t) => listed(t.id, t));
  return { open, resolved };
}
