import { commentsDocument, commentsRoom } from '#shared/documents/comments.js';
import { entryDocument, entryRoom } from '#shared/documents/entry.js';
import { commentSummariesMap, entriesMap, indexRoom, readCommentSummary, readEntries } from '#shared/documents/journalIndex.js';
import type { DocumentKind } from '#shared/documents/DocumentKind.js';
import { DOCUMENTS } from '#shared/documents/registry.js';
import type * as Y from 'yjs';
import type { DeviceStore, DocRecord } from './DeviceStore';
import type { JournalDocuments } from './JournalDocuments';
import type { Clock, OnlineSignal, TimerHandle } from './ports';
import type { CollabRoom, RoomRegistry } from './RoomRegistry';
import type { SyncLedger } from './SyncLedger';
import { waitUntil } from './waitUntil';

/** The budget for one journal's entries kept on this device. */
export interface BackgroundSyncBudget {
  /** The newest this many live entries are kept... */
  maxEntries: number;
  /** ...as long as their stored size stays under this many bytes. */
  maxBytes: number;
  /** Entry documents synced at the same time (each is one socket). */
  concurrency: number;
  /** How long one document may take to sync (and confirm) before it is left for the next pass. */
  docTimeoutMs: number;
  /** The least time between two passes started by changes in the index. */
  minIntervalMs: number;
}

export const DEFAULT_BUDGET: BackgroundSyncBudget = {
  maxEntries: 100,
  maxBytes: 50 * 1024 * 1024,
  concurrency: 3,
  docTimeoutMs: 20_000,
  minIntervalMs: 30_000,
};

/** What one journal's background sync works with, all from the engine. */
export interface BackgroundSyncParts {
  registry: RoomRegistry;
  ledger: SyncLedger;
  store: DeviceStore;
  clock: Clock;
  online: OnlineSignal;
  documents: JournalDocuments;
  budget: BackgroundSyncBudget;
}

const isConnected = (room: CollabRoom) => () => room.connection.getState().kind === 'connected';

/** The entry id of an entry's (or its comments') room name; null for any other room. */
function entryIdOf(roomName: string, kind: DocumentKind): string | null {
  const room = DOCUMENTS.parse(roomName);
  return room?.kind === kind ? room.id : null;
}

/** Calls `onChange` whenever the index's entries or comment summaries change. */
function watchIndex(index: Y.Doc, onChange: () => void): () => void {
  const entries = entriesMap(index);
  const summaries = commentSummariesMap(index);
  entries.observeDeep(onChange);
  summaries.observe(onChange);
  return () => {
    entries.unobserveDeep(onChange);
    summaries.unobserve(onChange);
  };
}

/**
 * Keeps one journal readable and writable offline. Holds the journal's index
 * room (without presence) for as long as it runs, so the timeline is live and
 * known locally; and in passes, a few sockets at a time:
 *
 * 1. pushes every document of the journal with changes from this device the
 *    relay has not confirmed (written offline and closed since), and waits
 *    for the relay's confirmation;
 * 2. fetches the newest entries, newest first, that changed since they were
 *    last fetched (the index's `updatedAt` differs), within the budget, and
 *    then the comments of those entries that changed (their summary's version);
 * 3. deletes local copies of entries outside the budget that hold nothing
 *    unconfirmed and are not open.
 *
 * A pass runs shortly after start, when the network comes back, and at most
 * every `minIntervalMs` while the index changes.
 */
export class JournalBackgroundSync {
  private index: CollabRoom | null = null;
  private running: Promise<void> | null = null;
  /** A pass was asked for while one ran: how soon to start it after (0 when the network came back). */
  private againIn: number | null = null;
  private timer: TimerHandle | null = null;
  private lastPassAt = 0;
  private stopped = false;
  private readonly prefix: string;
  private stopWatching: (() => void) | null = null;
  private stopOnline: (() => void) | null = null;
  private passes = 0;
  private readonly passListeners = new Set<() => void>();

  constructor(
    private readonly journalId: string,
    private readonly parts: BackgroundSyncParts,
  ) {
    this.prefix = `${journalId}/`;
  }

  /** The index room this sync holds (for connection checks). */
  get indexRoom(): CollabRoom | null {
    return this.index;
  }

  /** How many passes have finished (for tests and diagnostics). */
  get passesDone(): number {
    return this.passes;
  }

  /** Calls `listener` after each pass. */
  onPassDone(listener: () => void): () => void {
    this.passListeners.add(listener);
    return () => this.passListeners.delete(listener);
  }

  start(firstPassDelayMs: number): void {
    const { registry, online } = this.parts;
    this.index = registry.acquire(indexRoom(this.journalId), { presence: false });
    this.stopWatching = watchIndex(this.index.doc, this.onIndexChange);
    let wasOnline = online.isOnline();
    this.stopOnline = online.subscribe(() => {
      const now = online.isOnline();
      if (now && !wasOnline) this.schedule(0);
      wasOnline = now;
    });
    this.schedule(firstPassDelayMs);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== null) this.parts.clock.clearTimeout(this.timer);
    this.stopOnline?.();
    this.stopWatching?.();
    if (this.index) {
      this.parts.registry.release(this.index.name, { presence: false });
      this.index = null;
    }
  }

  private onIndexChange = (): void => {
    this.schedule(Math.max(0, this.lastPassAt + this.parts.budget.minIntervalMs - this.parts.clock.now()));
  };

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const { clock, budget } = this.parts;
    if (this.running) {
      const soon = delayMs === 0 ? 0 : budget.minIntervalMs;
      this.againIn = Math.min(this.againIn ?? soon, soon);
      return;
    }
    if (this.timer !== null) {
      if (delayMs > 0) return;
      clock.clearTimeout(this.timer);
    }
    this.timer = clock.setTimeout(() => {
      this.timer = null;
      this.running = this.pass()
        .catch((error: unknown) => console.warn('Duet background sync failed', error))
        .finally(() => {
          this.running = null;
          this.lastPassAt = clock.now();
          this.passes++;
          for (const listener of [...this.passListeners]) listener();
          if (this.againIn !== null) {
            const delay = this.againIn;
            this.againIn = null;
            this.schedule(delay);
          }
        });
    }, delayMs);
  }

  private async pass(): Promise<void> {
    const { ledger, store, registry, budget, clock, online } = this.parts;
    const index = this.index;
    if (!index || this.stopped || !online.isOnline() || index.connection.isStopped) return;
    if (!(await waitUntil(clock, isConnected(index), index.connection.subscribe, budget.docTimeoutMs))) return;

    // 1. What this device wrote and the relay has not confirmed goes first.
    const unconfirmed = ledger.names(this.prefix).filter((name) => name !== index.name);
    await this.inPool(unconfirmed, (name) => this.syncDoc(name, null, true));
    if (this.stopped) return;

    // 2. The newest entries, within the budget.
    const records = new Map<string, DocRecord>((await store.list(this.prefix)).map((r) => [r.name, r]));
    const newest = readEntries(index.doc)
      .filter((entry) => entry.deletedAt === null)
      .slice(0, budget.maxEntries);
    const keep = new Set<string>();
    let bytes = 0;
    let overBudget = false;
    await this.inPool(
      // `updatedAt` moves with every change to the entry: it is the version background sync fetches.
      newest.map((entry) => ({ name: entryRoom(this.journalId, entry.id), version: entry.updatedAt })),
      async ({ name, version }) => {
        if (overBudget) return;
        const record = records.get(name);
        const fresh = record !== undefined && record.syncedVersion === version && !ledger.isUnconfirmed(name);
        if (!fresh && !(await this.syncDoc(name, version))) {
          // Not fetched this time; keep whatever copy exists.
          if (record) keep.add(name);
          return;
        }
        bytes += fresh ? record.bytes : ((await store.read(name))?.bytes ?? 0);
        if (bytes > budget.maxBytes) overBudget = true;
        else keep.add(name);
      },
    );
    if (this.stopped) return;

    // 2b. The comments of the entries kept, when their summary in the index says they changed.
    const commentsToFetch = [...keep].flatMap((name) => {
      const entryId = entryIdOf(name, entryDocument);
      if (entryId === null) return [];
      const version = readCommentSummary(index.doc, entryId)?.version;
      if (version === undefined) return [];
      const comments = commentsRoom(this.journalId, entryId);
      return records.get(comments)?.syncedVersion === version ? [] : [{ name: comments, version }];
    });
    await this.inPool(commentsToFetch, ({ name, version }) => this.syncDoc(name, version));
    if (this.stopped) return;

    // 3. Entry copies outside the budget, unless they hold something unconfirmed or are open;
    //    then the comments copies (kept by the timeline and the entry page) of entries not on
    //    the device any more.
    const onDevice = await store.list(this.prefix);
    const pinned = (record: DocRecord) => record.unconfirmed || ledger.isUnconfirmed(record.name) || registry.isOpen(record.name);
    const entriesHere = new Set<string>();
    for (const record of onDevice) {
      if (entryIdOf(record.name, entryDocument) === null) continue;
      if (keep.has(record.name) || pinned(record)) entriesHere.add(record.name);
      else await this.forgetLocal(record.name);
    }
    for (const record of onDevice) {
      const entryId = entryIdOf(record.name, commentsDocument);
      if (entryId === null || entriesHere.has(entryRoom(this.journalId, entryId)) || pinned(record)) continue;
      await this.forgetLocal(record.name);
    }
  }

  private async forgetLocal(name: string): Promise<void> {
    await this.parts.store.remove(name);
    this.parts.ledger.forget(name);
  }

  /**
   * Opens one document (without presence), lets it sync and confirm, records
   * it, and closes it. `merged`: it held offline changes, so the title and
   * preview in the index are refreshed from the merged text.
   */
  private async syncDoc(name: string, version: number | null, merged = false): Promise<boolean> {
    if (this.stopped) return false;
    const { registry, budget, clock, store, documents } = this.parts;
    const room = registry.acquire(name, { presence: false });
    try {
      const synced = await waitUntil(clock, isConnected(room), room.connection.subscribe, budget.docTimeoutMs);
      if (!synced) return false;
      if (room.sync.getState() !== 'confirmed' && !(await room.sync.whenConfirmed(budget.docTimeoutMs))) return false;
      const entryId = entryIdOf(name, entryDocument);
      if (merged && this.index && entryId !== null) documents.refreshEntryText(this.index.doc, entryId, room.doc);
      await room.local.flushed();
      if (version !== null) await store.setSyncedVersion(name, version);
      return true;
    } finally {
      registry.release(name, { presence: false, immediate: true });
    }
  }

  /** Runs `work` over `items` with at most `concurrency` at a time, in order of start. */
  private async inPool<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined && !this.stopped; item = queue.shift()) await work(item);
    };
    await Promise.all(Array.from({ length: Math.min(this.parts.budget.concurrency, queue.length) }, worker));
  }
}
