import { vi } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENTS } from '#shared/documents/registry.js';
import { journalDocuments } from '../../client/src/journal/journalDocuments.js';
import type { Clock, OnlineSignal, PageLifecycle } from '../../client/src/sync/ports.js';
import { SyncEngine, type SyncEngineOptions } from '../../client/src/sync/SyncEngine.js';
import { Relay } from '../../server/relay/Relay.js';
import type { PendingUpdate } from '../../server/storage/DocStore.js';
import { GatedStore } from './fakePeers.js';
import { seededRandom } from './seededRandom.js';
import { MemoryDeviceStore, MemorySpillStorage } from './syncMemoryStore.js';
import { SyncNetwork, type NetTab, type NetUser } from './syncNetwork.js';

export const RELAY_URL = 'ws://relay.test/collab';

/**
 * The global timers, read at call time: tests fake them (vi.useFakeTimers) so
 * that the engine's timers and y-websocket's own (reconnect backoff,
 * watchdog) run on one virtual clock the test advances.
 */
export const testClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A GatedStore that also keeps, per document, a Y.Doc of exactly what has been committed. */
export class MirroredStore extends GatedStore {
  private readonly committedDocs = new Map<string, Y.Doc>();

  override async appendUpdates(batch: readonly PendingUpdate[]): Promise<number[]> {
    const seqs = await super.appendUpdates(batch);
    for (const { doc, update } of batch) Y.applyUpdate(this.committed(doc), update);
    return seqs;
  }

  /** What storage holds of `doc` (only what the relay wrote through this store). */
  committed(doc: string): Y.Doc {
    let ydoc = this.committedDocs.get(doc);
    if (!ydoc) this.committedDocs.set(doc, (ydoc = new Y.Doc()));
    return ydoc;
  }

  /** How much of client `clientId`'s work in `doc` is stored. */
  storedClock(doc: string, clientId: number): number {
    return Y.getState(this.committed(doc).store, clientId);
  }
}

/** One browser profile: a device store and localStorage shared by its tabs, a network switch. */
export class SyncDevice {
  readonly store = new MemoryDeviceStore();
  readonly spill = new MemorySpillStorage();
  private isOnline = true;
  private readonly onlineListeners = new Set<() => void>();
  readonly tabs: SyncTab[] = [];
  readonly signal: OnlineSignal = {
    isOnline: () => this.isOnline,
    subscribe: (listener) => {
      this.onlineListeners.add(listener);
      return () => this.onlineListeners.delete(listener);
    },
  };

  constructor(
    readonly world: SyncWorld,
    readonly name: string,
    readonly user: NetUser,
  ) {}

  get online(): boolean {
    return this.isOnline;
  }

  /** The network goes away (every socket is lost) or comes back. */
  setOnline(online: boolean): void {
    if (online === this.isOnline) return;
    this.isOnline = online;
    if (!online) for (const tab of this.tabs) this.world.network.cutTab(tab.net);
    for (const listener of [...this.onlineListeners]) listener();
  }

  /** A new tab of this profile: its own engine, sharing the device store and localStorage. */
  openTab(options: Partial<SyncEngineOptions> = {}): SyncTab {
    const tab = new SyncTab(this, `${this.name}${this.tabs.length + 1}`, options);
    this.tabs.push(tab);
    return tab;
  }
}

/** One tab: a SyncEngine with its own page lifecycle. */
export class SyncTab {
  readonly engine: SyncEngine;
  readonly net: NetTab;
  private readonly hideListeners = new Set<() => void>();

  constructor(
    readonly device: SyncDevice,
    readonly id: string,
    options: Partial<SyncEngineOptions>,
  ) {
    this.net = { id, user: device.user, alive: true, online: () => device.online };
    const page: PageLifecycle = {
      onHide: (listener) => {
        this.hideListeners.add(listener);
        return () => this.hideListeners.delete(listener);
      },
    };
    this.engine = new SyncEngine({
      relayUrl: RELAY_URL,
      openSocket: device.world.network.opener(this.net),
      deviceStore: device.store,
      spillStorage: device.spill,
      clock: testClock,
      online: device.signal,
      page,
      journals: journalDocuments,
      // These tests write no comments; tests/unit/syncCommentOutbox.test.ts covers the outbox.
      sendComment: () => Promise.resolve({ kind: 'sent' }),
      maxBackoffMs: () => 1000,
      // Seeded, so a schedule replays exactly from its seed.
      clientId: () => 1 + Math.floor(device.world.random() * 0x7fffffff),
      ...options,
    });
  }

  /** The page hides (pagehide): the engine spills what is not yet on the device. */
  hide(): void {
    for (const listener of [...this.hideListeners]) listener();
  }

  /**
   * The page dies right after hiding: its sockets are gone, its unfinished
   * device writes never commit, and it runs nothing more.
   */
  kill(): void {
    this.net.alive = false;
    this.device.world.network.cutTab(this.net);
    this.device.store.dropHeldWrites();
    this.device.world.forget(this);
  }
}

export interface SyncWorldOptions {
  seed?: number;
  /** Relay options beyond the store (tests of the relay's own limits need them). */
  compactEvery?: number;
}

/**
 * A real Relay with a storage whose writes can be held, a seeded network, and
 * devices with tabs, all on one virtual clock. Call `dispose` at the end.
 */
export class SyncWorld {
  readonly store = new MirroredStore();
  readonly relay: Relay;
  network: SyncNetwork;
  random: () => number;
  private devices: SyncDevice[] = [];
  private readonly dead = new Set<SyncTab>();

  constructor(options: SyncWorldOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
    this.relay = new Relay({
      store: this.store,
      compactEvery: options.compactEvery ?? 500,
      rate: null,
      // As the server wires it (server/createDuetServer.ts): each room's kind decides.
      readOnly: (room) => DOCUMENTS.parse(room)?.kind.writtenBy === 'server',
      rules: (room) => DOCUMENTS.parse(room)?.kind.rule ?? null,
    });
    this.network = new SyncNetwork(this.relay, this.random);
  }

  device(name: string, user: NetUser): SyncDevice {
    const device = new SyncDevice(this, name, user);
    this.devices.push(device);
    return device;
  }

  /** Lets the relay's promise chains and storage writes run (they use microtasks and setImmediate). */
  async settleTasks(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Delivers everything that can move, in seeded order, until nothing does. No virtual time passes. */
  async deliverAll(limit = 100_000): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await this.settleTasks();
      if (!this.network.step()) {
        await this.settleTasks();
        if (this.network.steps().length === 0) return;
      }
    }
    throw new Error('the network never went quiet');
  }

  /** Lets `ms` of virtual time pass, delivering everything at each timer on the way. */
  async run(ms: number): Promise<void> {
    const end = Date.now() + ms;
    await this.deliverAll();
    while (Date.now() < end) {
      const next = Math.min(end - Date.now(), this.nextTimerIn(end));
      vi.advanceTimersByTime(next);
      await this.deliverAll();
    }
  }

  /** Runs (delivering and letting time pass) until `predicate` holds; fails after `maxMs` of virtual time. */
  async until(predicate: () => boolean, maxMs = 60_000, what = 'the condition'): Promise<void> {
    const end = Date.now() + maxMs;
    await this.deliverAll();
    while (!predicate()) {
      if (Date.now() >= end) throw new Error(`${what} did not hold within ${maxMs} ms of virtual time`);
      // Straight to the next timer: nothing moves between timers but what deliverAll delivers.
      vi.advanceTimersToNextTimer();
      await this.deliverAll();
    }
  }

  forget(tab: SyncTab): void {
    this.dead.add(tab);
  }

  /**
   * Ends this schedule's devices and connections but keeps the relay and its
   * storage, and starts a new network from `seed` (the fuzz runs many short
   * schedules; each uses rooms of its own).
   */
  async reseed(seed: number): Promise<void> {
    await this.endDevices();
    this.random = seededRandom(seed);
    this.network = new SyncNetwork(this.relay, this.random);
  }

  async dispose(): Promise<void> {
    await this.endDevices();
    await this.relay.shutdown();
    await this.store.inner.close();
  }

  private async endDevices(): Promise<void> {
    for (const device of this.devices) {
      device.store.releaseWrites();
      for (const tab of device.tabs) if (!this.dead.has(tab)) void tab.engine.dispose();
    }
    this.devices = [];
    this.store.appendGate?.resolve();
    this.store.appendGate = null;
    this.store.loadGate?.resolve();
    this.store.loadGate = null;
    this.store.failNextAppend = false;
    for (const link of this.network.links) this.network.cut(link);
    await this.settleTasks();
  }

  /** Milliseconds to the next fake timer, capped so time never jumps past `end`. */
  private nextTimerIn(end: number): number {
    const now = Date.now();
    // vi does not expose the next timer's time; step in small slices instead.
    return Math.max(1, Math.min(50, end - now));
  }
}
