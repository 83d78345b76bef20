import * as Y from 'yjs';
import { CommentOutbox, type SendOutboxItem } from './CommentOutbox';
import type { DeviceStore } from './DeviceStore';
import { DEFAULT_BUDGET, JournalBackgroundSync, type BackgroundSyncBudget } from './JournalBackgroundSync';
import type { JournalDocuments } from './JournalDocuments';
import type { Clock, OnlineSignal, OpenSocket, PageLifecycle, SpillStorage } from './ports';
import { RoomRegistry } from './RoomRegistry';
import { SyncLedger } from './SyncLedger';
import { UnloadSpill } from './UnloadSpill';

/** Everything the engine is given; see ports.ts. */
export interface SyncEngineOptions {
  /** The relay's base URL, e.g. `wss://duet.example/collab`. */
  relayUrl: string;
  openSocket: OpenSocket;
  deviceStore: DeviceStore;
  spillStorage: SpillStorage;
  clock: Clock;
  online: OnlineSignal;
  page: PageLifecycle;
  /** What background sync knows of a journal's documents. */
  journals: JournalDocuments;
  /** Sends one queued comment command to the API (the comment outbox's way out). */
  sendComment: SendOutboxItem;
  /** See RoomRegistryOptions.maxBackoffMs. */
  maxBackoffMs: () => number;
  /** See RoomRegistryOptions.shareAcrossTabs (default false). */
  shareAcrossTabs?: boolean;
  /** See RoomRegistryOptions.graceMs (default 3 s). */
  graceMs?: number;
  /** See RoomRegistryOptions.settleMs (default 5 s). */
  settleMs?: number;
  budget?: BackgroundSyncBudget;
  /** See RoomRegistryOptions.clientId. */
  clientId?: () => number;
}

/**
 * Duet's client sync engine: every Y.Doc and socket, the copy of each on this
 * device, whether the relay has confirmed storing this device's changes,
 * keeping journals on the device in the background, and the comment commands
 * on their way to the API. It knows no React and no
 * browser: everything it needs is passed in (SyncEngineOptions). Built once
 * per page (client/src/main.tsx) and handed to React through one context.
 */
export class SyncEngine {
  readonly ledger: SyncLedger;
  readonly rooms: RoomRegistry;
  /** Comment commands written here (offline too), sent to the API in order. */
  readonly commentOutbox: CommentOutbox;
  private readonly spill: UnloadSpill;
  private readonly store: DeviceStore;
  private readonly unsubscribe: (() => void)[] = [];
  private lastNonce = 0;
  private disposed = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.store = options.deviceStore;
    this.ledger = new SyncLedger(this.store);
    this.spill = new UnloadSpill(options.spillStorage);
    this.commentOutbox = new CommentOutbox({ storage: options.spillStorage, clock: options.clock, online: options.online, send: options.sendComment });
    this.rooms = new RoomRegistry({
      relayUrl: options.relayUrl,
      openSocket: options.openSocket,
      store: this.store,
      spill: this.spill,
      ledger: this.ledger,
      clock: options.clock,
      online: options.online,
      graceMs: options.graceMs ?? 3000,
      settleMs: options.settleMs ?? 5000,
      maxBackoffMs: options.maxBackoffMs,
      shareAcrossTabs: options.shareAcrossTabs ?? false,
      clientId: options.clientId,
      nextNonce: () => ++this.lastNonce,
    });
    // Device writes take a few milliseconds and more than one task; a reload or a
    // link followed in that window must not take the last keystrokes with it.
    this.unsubscribe.push(options.page.onHide(() => this.rooms.spillAll()));
    let wasOnline = options.online.isOnline();
    this.unsubscribe.push(
      options.online.subscribe(() => {
        const online = options.online.isOnline();
        if (online && !wasOnline) this.rooms.reconnectWaiting();
        wasOnline = online;
      }),
    );
  }

  /** Reads which documents still hold unconfirmed changes from an earlier visit. */
  loadMarks(): Promise<void> {
    return this.ledger.loadFromDevice();
  }

  /**
   * Keeps one journal on this device while it runs (JournalBackgroundSync);
   * the caller stops it.
   */
  keepJournal(journalId: string, firstPassDelayMs: number): JournalBackgroundSync {
    const sync = new JournalBackgroundSync(journalId, {
      registry: this.rooms,
      ledger: this.ledger,
      store: this.store,
      clock: this.options.clock,
      online: this.options.online,
      documents: this.options.journals,
      budget: this.options.budget ?? DEFAULT_BUDGET,
    });
    sync.start(firstPassDelayMs);
    return sync;
  }

  /**
   * This device's copy of every document whose name starts with `prefix`, read
   * without opening a room or a socket (the device's own search, offline).
   * Each is a new Y.Doc the caller owns; nothing stored is changed.
   */
  async readDeviceCopies(prefix: string): Promise<Map<string, Y.Doc>> {
    const docs = new Map<string, Y.Doc>();
    for (const record of await this.store.list(prefix)) {
      // Returning null stores nothing: this only reads.
      const { stored } = await this.store.compact(record.name, () => null);
      if (stored.length === 0) continue;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.length === 1 ? stored[0] : Y.mergeUpdates(stored));
      docs.set(record.name, doc);
    }
    return docs;
  }

  /** True when changes of this device may not reach the relay if the page closes now (RoomRegistry.hasChangesAtRisk). */
  hasChangesAtRisk(): boolean {
    return this.rooms.hasChangesAtRisk();
  }

  /**
   * Deletes the device copies of journals this person no longer belongs to
   * (except documents open now). Resolves with the journal ids it removed
   * documents of.
   */
  async forgetOtherJournals(journalIds: readonly string[]): Promise<string[]> {
    const mine = new Set(journalIds);
    const forgotten = new Set<string>();
    for (const record of await this.store.list('')) {
      const journalId = record.name.split('/')[0];
      if (mine.has(journalId) || this.rooms.isOpen(record.name)) continue;
      await this.store.remove(record.name);
      this.ledger.forget(record.name);
      forgotten.add(journalId);
    }
    return [...forgotten];
  }

  /**
   * Logout (or another account signing in): nothing of the account stays on
   * the device. Writers still in flight see the store's new generation and
   * drop their writes.
   */
  async wipeDevice(): Promise<void> {
    this.spill.forgetAll();
    this.ledger.clear();
    await this.store.clear();
  }

  /** Closes every room and stops listening; resolves once device writes are done. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const stop of this.unsubscribe) stop();
    this.commentOutbox.dispose();
    await this.rooms.closeAll();
  }
}
