import { ApiError } from '../api/ApiError';
import { showToast } from '../toast/toastStore';
import type { CommentCommand } from '#shared/model/comments.js';
import { sendOutboxCommand } from './threadsApi';

/** Moving your own read mark on an entry's comments (shared/model/readMarks.ts). */
export interface ReadCommand {
  type: 'read';
  seenAt: number;
}

export type OutboxCommand = CommentCommand | ReadCommand;

/** One command waiting to reach the server. */
export interface OutboxItem {
  id: string;
  journalId: string;
  entryId: string;
  command: OutboxCommand;
  queuedAt: number;
}

type Refusal = (item: OutboxItem, message: string) => void;

const PREFIX = 'duet:comment-outbox:';
const RETRY_MS = 15_000;

/**
 * Comment commands on their way to the server, kept in localStorage per user
 * and journal so they survive a reload offline. Every command goes through
 * here (not only new threads): replies and reactions written offline are sent
 * in the order they were made. Ids are made by the client, so sending an
 * item twice (the page closed before the answer) changes nothing on the
 * server. A refusal (4xx) drops the item and says why; no network or a 5xx
 * keeps it for the next try.
 */
class CommentOutbox {
  private userId: string | null = null;
  private readonly flushing = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly refusalListeners = new Set<Refusal>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private version = 0;

  constructor() {
    window.addEventListener('online', () => this.flushAll());
    // Another tab of the same person changed the queue.
    window.addEventListener('storage', (event) => {
      if (event.key?.startsWith(PREFIX)) this.changed();
    });
  }

  /** Who is signed in here: only their own queued commands are sent, with their own session. */
  setUser(userId: string | null): void {
    if (this.userId === userId) return;
    this.userId = userId;
    this.changed();
    this.flushAll();
  }

  enqueue(journalId: string, entryId: string, command: OutboxCommand): void {
    if (!this.userId) return;
    const item: OutboxItem = { id: `${command.type}:${Date.now()}:${Math.random()}`, journalId, entryId, command, queuedAt: Date.now() };
    // Only the newest read mark of an entry is worth sending.
    const kept = command.type === 'read' ? this.read(journalId).filter((q) => !(q.entryId === entryId && q.command.type === 'read')) : this.read(journalId);
    this.write(journalId, [...kept, item]);
    void this.flush(journalId);
  }

  /** What is still waiting for one entry, oldest first. */
  pending(journalId: string, entryId: string): OutboxItem[] {
    return this.read(journalId).filter((item) => item.entryId === entryId);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A number that changes whenever any queue does (for useSyncExternalStore). */
  getVersion = (): number => this.version;

  onRefused(listener: Refusal): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  flushAll(): void {
    if (!this.userId) return;
    const start = `${PREFIX}${this.userId}:`;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(start)) void this.flush(key.slice(start.length));
    }
  }

  /** Sends the journal's queue in order; stops at the first item that cannot get through now. */
  private async flush(journalId: string): Promise<void> {
    if (this.flushing.has(journalId) || !this.userId) return;
    this.flushing.add(journalId);
    try {
      for (let item = this.read(journalId)[0]; item !== undefined; item = this.read(journalId)[0]) {
        try {
          await sendOutboxCommand(item.journalId, item.entryId, item.command);
        } catch (error) {
          const status = error instanceof ApiError ? error.status : 0;
          // Unreachable, server trouble, rate limit, or signed out: keep it for later.
          if (status === 0 || status >= 500 || status === 429 || status === 401) {
            this.retryLater();
            return;
          }
          const message = error instanceof ApiError ? error.message : 'Your comment could not be saved.';
          // A refused read mark is nothing the person wrote: drop it quietly.
          if (item.command.type !== 'read') {
            showToast({ message: `Comment not saved: ${message}`, tone: 'error', durationMs: 8000 });
            for (const listener of this.refusalListeners) listener(item, message);
          }
        }
        this.write(journalId, this.read(journalId).filter((queued) => queued.id !== item.id));
      }
    } finally {
      this.flushing.delete(journalId);
    }
  }

  private retryLater(): void {
    if (this.retryTimer !== null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (navigator.onLine) this.flushAll();
    }, RETRY_MS);
  }

  private key(journalId: string): string {
    return `${PREFIX}${this.userId ?? ''}:${journalId}`;
  }

  private read(journalId: string): OutboxItem[] {
    if (!this.userId) return [];
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.key(journalId)) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
    } catch {
      return [];
    }
  }

  private write(journalId: string, items: OutboxItem[]): void {
    if (items.length === 0) localStorage.removeItem(this.key(journalId));
    else localStorage.setItem(this.key(journalId), JSON.stringify(items));
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

export const commentOutbox = new CommentOutbox();
