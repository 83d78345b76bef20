import { useEffect, useSyncExternalStore } from 'react';
import { commentsRoom } from '../../../shared/protocol/rooms';
import type { CommentThread } from '../../../shared/model/comments';
import { READS_FIELD } from '../../../shared/model/readMarks';
import { roomRegistry } from '../collab/roomRegistry';
import { readThreads } from './useThreads';

/** How many rooms the timeline opens at once, how long it waits for one, and how long an answer is good for. */
const CONCURRENCY = 3;
const TIMEOUT_MS = 8000;
const FRESH_MS = 30_000;

export interface CommentSummary {
  threads: CommentThread[];
  /** Each member's read mark (shared/model/readMarks.ts). */
  reads: ReadonlyMap<string, unknown>;
  at: number;
}

/**
 * Comment threads of timeline entries, read by opening each entry's comments
 * room briefly (without presence), a few at a time and only for entries on
 * screen, then closing it again. The room's local copy makes a second look
 * (and offline) cheap.
 */
class CommentSummaries {
  private readonly summaries = new Map<string, CommentSummary>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(journalId: string, entryId: string): CommentSummary | null {
    return this.summaries.get(commentsRoom(journalId, entryId)) ?? null;
  }

  request(journalId: string, entryId: string): void {
    const name = commentsRoom(journalId, entryId);
    const known = this.summaries.get(name);
    if (this.queued.has(name) || (known && Date.now() - known.at < FRESH_MS)) return;
    this.queued.add(name);
    this.queue.push(name);
    this.pump();
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const name = this.queue.shift() as string;
      this.running++;
      void this.read(name).finally(() => {
        this.running--;
        this.queued.delete(name);
        this.pump();
      });
    }
  }

  private async read(name: string): Promise<void> {
    const room = roomRegistry.acquire(name, { presence: false });
    try {
      await new Promise<void>((resolve) => {
        // Synced with the relay, or (offline) at least the local copy is read.
        const done = () => room.connection.hasSynced || (room.sync.getState() !== 'loading' && !navigator.onLine);
        if (done()) return resolve();
        const timer = setTimeout(finish, TIMEOUT_MS);
        const stop = room.connection.subscribe(() => done() && finish());
        const stopSync = room.sync.subscribe(() => done() && finish());
        function finish() {
          clearTimeout(timer);
          stop();
          stopSync();
          resolve();
        }
      });
      this.summaries.set(name, {
        threads: [...readThreads(room.doc).values()],
        reads: new Map(room.doc.getMap<unknown>(READS_FIELD).entries()),
        at: Date.now(),
      });
      for (const listener of this.listeners) listener();
    } finally {
      roomRegistry.release(name, { presence: false, immediate: true });
    }
  }
}

export const commentSummaries = new CommentSummaries();

/** The entry's threads and read marks, asked for while `visible` (null until known). */
export function useCommentSummary(journalId: string, entryId: string, visible: boolean): CommentSummary | null {
  useEffect(() => {
    if (visible) commentSummaries.request(journalId, entryId);
  }, [visible, journalId, entryId]);
  return useSyncExternalStore(commentSummaries.subscribe, () => commentSummaries.get(journalId, entryId));
}
