import * as Y from 'yjs';
import { AwarenessRegistry } from './AwarenessRegistry.js';
import type { Logger } from './types.js';
import type { DocStore } from '../storage/DocStore.js';

/**
 * One document and the peers editing it. The room never reads from a socket
 * and never writes to disk itself: its connections feed it decoded frames and
 * the relay hands it the store.
 */
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

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly compactEvery: number,
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

  /** Applies an update that storage has confirmed, then hands it to every other peer. */
  applyDurable(update: Uint8Array, seq: number, origin: RoomPeer, frame: Uint8Array): void {
    Y.applyUpdate(this.doc, update, origin);
    this.appliedSeq = Math.max(this.appliedSeq, seq);
    this.updatesSinceCompaction++;
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
    this.maybeCompact();
  }

  broadcast(frame: Uint8Array, except?: RoomPeer): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame);
  }

  private maybeCompact(): void {
    if (this.compacting || this.updatesSinceCompaction < this.compactEvery) return;
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
