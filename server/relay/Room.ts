import * as Y from 'yjs';
import { AwarenessRegistry } from './AwarenessRegistry.js';
import type { ChangeRule, Logger, PeerIdentity } from './types.js';
import type { DocStore } from '../storage/DocStore.js';

/**
 * One document and the peers editing it. The room never reads from a socket
 * and never writes to disk itself: its connections feed it decoded frames and
 * the relay hands it the store.
 */
/** The `problem` of an update that left parts waiting for changes the room does not have. */
export const OUT_OF_ORDER = 'the update depends on changes the relay has not received; reconnect and sync first';

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new AwarenessRegistry();
  /** Peers that have been welcomed (sent the document) and receive broadcasts. */
  readonly peers = new Set<RoomPeer>();
  /** Connections attached to the room, welcomed or still waiting for the load. */
  attached = 0;
  /** Resolves once stored state is in `doc`; rejects if it could not be loaded. */
  readonly loaded: Promise<void>;
  /** Sequence number of the last stored update that has been applied to `doc`. */
  private appliedSeq = 0;
  private updatesSinceCompaction = 0;
  private compacting = false;
  private readonly inflight = new Set<Promise<unknown>>();
  /** Updates applied to `doc` whose write has not finished. Nothing leaves the room until it is zero. */
  private pendingWrites = 0;
  private durableWaiters: (() => void)[] = [];
  /** Set when `doc` may no longer match storage; the relay then reloads the room. */
  broken = false;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly compactEvery: number,
    private readonly onBroken: (room: Room) => void,
    /** Only the server writes this document; a client update that adds anything is refused. */
    readonly readOnly = false,
    /** What a client's update may change here, beyond applying cleanly. */
    readonly rule: ChangeRule | null = null,
  ) {
    this.loaded = this.track(this.load());
    // A rejected load is handled by every peer that awaits it; this keeps Node
    // from reporting it as unhandled when no peer is waiting yet.
    this.loaded.catch(() => {});
  }

  private async load(): Promise<void> {
    const stored = await this.store.loadDoc(this.name);
    this.doc.transact(() => {
      if (stored.snapshot) this.applyStored(stored.snapshot);
      for (const update of stored.updates) this.applyStored(update);
    }, 'storage');
    this.appliedSeq = stored.lastSeq;
    this.updatesSinceCompaction = stored.updates.length;
    this.maybeCompact();
  }

  private applyStored(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, 'storage');
    } catch (error) {
      // Updates are validated before they are stored, so this means damage on
      // disk. Skipping one keeps the rest of the document readable.
      this.log.error('skipped a stored update that does not apply', { room: this.name, error: String(error) });
    }
  }

  /** Tracks work that must finish before the room may be unloaded. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const done = () => this.inflight.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves when no write or compaction for this room is in flight. */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /**
   * Applies a client's update and returns the part that was new to the room
   * (null when it added nothing, as when a reconnecting client resends what the
   * room has). Applying first is what validates an update: one that Yjs cannot
   * integrate throws here, before anything is stored. It may have changed `doc`
   * halfway, so the caller must then `markBroken`. `problem` is the room's rule
   * refusing what the update changed (the update is applied already: the
   * caller must refuse it and `markBroken` too).
   */
  applyIncoming(update: Uint8Array, origin: RoomPeer, sender: PeerIdentity): { added: Uint8Array | null; problem: string | null } {
    let added: Uint8Array | null = null;
    const capture = (change: Uint8Array, changeOrigin: unknown) => {
      if (changeOrigin === origin) added = added ? Y.mergeUpdates([added, change]) : change;
    };
    // Judged inside the handler: Yjs computes an event's changes only while it is being delivered.
    let problem: string | null = null;
    const rule = this.rule;
    const watched = rule?.watch(this.doc) ?? [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const review = (events: Y.YEvent<any>[], transaction: Y.Transaction) => {
      if (rule && transaction.origin === origin) problem ??= rule.check(events, this.doc, sender);
    };
    this.doc.on('update', capture);
    for (const type of watched) type.observeDeep(review);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.doc.off('update', capture);
      for (const type of watched) type.unobserveDeep(review);
    }
    // Yjs parks what depends on changes it has not seen, and integrates it inside whichever later
    // update fills the gap: under a rule, that would judge one person's change as another's. An honest
    // client leaves nothing parked once it has synced, so the sender is sent away to reconnect.
    if (rule && (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null)) {
      return { added, problem: problem ?? OUT_OF_ORDER };
    }
    return { added, problem };
  }

  /**
   * Runs a change made by the server itself and returns the part that was new.
   * `change` must check everything before it writes: if it throws after
   * writing, the room is marked broken and reloaded from storage.
   */
  applyServerChange<T>(change: (doc: Y.Doc) => T, origin: object): { result: T; added: Uint8Array | null } {
    let added: Uint8Array | null = null;
    const capture = (update: Uint8Array, changeOrigin: unknown) => {
      if (changeOrigin === origin) added = added ? Y.mergeUpdates([added, update]) : update;
    };
    this.doc.on('update', capture);
    try {
      const result = this.doc.transact(() => change(this.doc), origin);
      return { result, added };
    } catch (error) {
      if (added) this.markBroken('a server change failed halfway');
      throw error;
    } finally {
      this.doc.off('update', capture);
    }
  }

  /** An applied update is about to be written; nothing leaves the room until it is. */
  writeStarted(): void {
    this.pendingWrites++;
  }

  /** An applied update is now durable: relay it to every other peer. */
  writeSucceeded(seq: number, origin: RoomPeer | null, frame: Uint8Array): void {
    this.pendingWrites--;
    this.appliedSeq = Math.max(this.appliedSeq, seq);
    this.updatesSinceCompaction++;
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
    if (this.pendingWrites === 0) {
      const waiters = this.durableWaiters;
      this.durableWaiters = [];
      for (const resolve of waiters) resolve();
      this.maybeCompact();
    }
  }

  /** An applied update could not be stored: `doc` is now ahead of storage. */
  writeFailed(): void {
    this.pendingWrites--;
    this.markBroken('an update could not be stored');
  }

  /**
   * Resolves at a moment when everything applied to `doc` is durable, so that
   * a document sent to a client then holds nothing that a crash could lose.
   */
  whenDurable(): Promise<void> {
    if (this.pendingWrites === 0) return Promise.resolve();
    return new Promise((resolve) => this.durableWaiters.push(resolve));
  }

  markBroken(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.log.error('document dropped from memory, reloading from storage', { room: this.name, reason });
    this.onBroken(this);
  }

  broadcast(frame: Uint8Array, except?: RoomPeer): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame);
  }

  private maybeCompact(): void {
    // A snapshot must hold exactly what storage holds: no pending writes, no damage.
    if (this.broken || this.compacting || this.pendingWrites > 0 || this.updatesSinceCompaction < this.compactEvery) return;
    this.compacting = true;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const throughSeq = this.appliedSeq;
    const counted = this.updatesSinceCompaction;
    this.track(
      this.store
        .compactDoc(this.name, snapshot, throughSeq)
        .then(() => {
          this.updatesSinceCompaction -= counted;
        })
        .catch((error) => this.log.warn('compaction failed; the update log is kept', { room: this.name, error: String(error) }))
        .finally(() => {
          this.compacting = false;
        }),
    );
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/** What a room needs of a connection. */
export interface RoomPeer {
  send(frame: Uint8Array): void;
}
