import type { CommentCommand } from '#shared/model/comments.js';
import type { Clock, OnlineSignal, SpillStorage, TimerHandle } from './ports';

/** Moving your own read mark on an entry's comments (shared/documents/comments.ts, `reads`). */
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

/**
 * What became of one attempt to send an item: the server has it, it could
 * not get through now (no network, server trouble, rate limit, signed out),
 * or the server refused it for good (with the reason to show).
 */
export type SendOutcome = { kind: 'sent' } | { kind: 'later' } | { kind: 'refused'; message: string };

/** Sends one item to the API (client/src/comments/threadsApi.ts in the browser). */
export type SendOutboxItem = (item: OutboxItem) => Promise<SendOutcome>;

type Refusal = (item: OutboxItem, message: string) => void;

/** What the outbox is given; the browser's versions are in client/src/local/browserPorts.ts. */
export interface CommentOutboxPorts {
  /** Where queues outlive the page (localStorage in the browser). */
  storage: SpillStorage;
  clock: Clock;
  online: OnlineSignal;
  send: SendOutboxItem;
}

const PREFIX = 'duet:comment-outbox:';
const RETRY_MS = 15_000;

/**
 * Comment commands on their way to the server, kept in device storage per
 * user and journal so they survive a reload offline. Every command goes
 * through here (not only new threads): replies and reactions written offline
 * are sent in the order they were made. Ids are made by the client, so
 * sending an item twice (the page closed before the answer) changes nothing
 * on the server. A refusal drops the item and tells `onRefused` listeners;
 * an item that cannot get through now is kept for the next try.
 */
export class CommentOutbox {
  private userId: string | null = null;
  private readonly flushing = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly refusalListeners = new Set<Refusal>();
  private retryTimer: TimerHandle | null = null;
  private version = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly ports: CommentOutboxPorts) {
    this.unsubscribe.push(
      ports.online.subscribe(() => {
        if (ports.online.isOnline()) this.flushAll();
      }),
    );
    // Another tab of the same person changed the queue.
    const watched = ports.storage.subscribe?.((key) => {
      if (key?.startsWith(PREFIX)) this.changed();
    });
    if (watched) this.unsubscribe.push(watched);
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
    const now = this.ports.clock.now();
    const item: OutboxItem = { id: `${command.type}:${now}:${Math.random()}`, journalId, entryId, command, queuedAt: now };
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

  /** Calls `listener` when the server refuses something the person wrote (read marks are dropped quietly). */
  onRefused(listener: Refusal): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  flushAll(): void {
    if (!this.userId) return;
    const { storage } = this.ports;
    const start = `${PREFIX}${this.userId}:`;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(start)) void this.flush(key.slice(start.length));
    }
  }

  /** Stops listening and retrying (tests; the page's outbox lives as long as the page). */
  dispose(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
    if (this.retryTimer !== null) this.ports.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Sends the journal's queue in order; stops at the first item that cannot get through now. */
  private async flush(journalId: string): Promise<void> {
    if (this.flushing.has(journalId) || !this.userId) return;
    this.flushing.add(journalId);
    try {
      for (let item = this.read(journalId)[0]; item !== undefined; item = this.read(journalId)[0]) {
        const outcome = await this.ports.send(item);
        if (outcome.kind === 'later') {
          this.retryLater();
          return;
        }
        // A refused read mark is nothing the person wrote: drop it quietly.
        if (outcome.kind === 'refused' && item.command.type !== 'read') {
          for (const listener of [...this.refusalListeners]) listener(item, outcome.message);
        }
        this.write(journalId, this.read(journalId).filter((queued) => queued.id !== item.id));
      }
    } finally {
      this.flushing.delete(journalId);
    }
  }

  private retryLater(): void {
    if (this.retryTimer !== null) return;
    this.retryTimer = this.ports.clock.setTimeout(() => {
      this.retryTimer = null;
      if (this.ports.online.isOnline()) this.flushAll();
    }, RETRY_MS);
  }

  private key(journalId: string): string {
    return `${PREFIX}${this.userId ?? ''}:${journalId}`;
  }

  private read(journalId: string): OutboxItem[] {
    if (!this.userId) return [];
    try {
      const parsed: unknown = JSON.parse(this.ports.storage.getItem(this.key(journalId)) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
    } catch {
      return [];
    }
  }

  private write(journalId: string, items: OutboxItem[]): void {
    if (items.length === 0) this.ports.storage.removeItem(this.key(journalId));
    else this.ports.storage.setItem(this.key(journalId), JSON.stringify(items));
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
