import * as Y from 'yjs';
import type { DocumentShape } from '#shared/model/documentShapes.js';
import type { DocStore, StoredDoc } from '../storage/DocStore.js';
import { AwarenessRegistry } from './AwarenessRegistry.js';
import { type DeleteSet, inspectUpdate } from './inspectUpdate.js';
import { JournalFullError, type JournalUsage } from './JournalUsage.js';
import type { ChangeRule, Logger, PeerIdentity } from './types.js';
import { MAX_HELD_BYTES_PER_ROOM } from '#shared/protocol/limits.js';

/** Who writes under the Yjs client ids the server uses for its own changes. */
export const SERVER_OWNER = '#server';

/** Client ids first written in a change, with the user they now belong to; stored with the change. */
export type NewOwners = readonly (readonly [client: number, userId: string])[];

/** Why a client's update was refused; the connection turns it into a close code. */
export type Refusal = 'owner' | 'shape' | 'rule' | 'readOnly' | 'unapplicable' | 'outOfOrder' | 'quota';

export type IncomingResult =
  /** Applied. `added` is the part that was new (null: nothing, as when a reconnecting client resends). */
  | { verdict: 'apply'; added: Uint8Array | null; owners: NewOwners }
  /** Depends on changes the room lacks; `needs` maps client id → the state it must reach. Nothing was applied. */
  | { verdict: 'wait'; needs: Map<number, number> }
  /** `reset`: it had been applied, so the room reloads; the sender pays for that (RESET_COST_BYTES). */
  | { verdict: 'refuse'; problem: Refusal; reason: string; reset?: boolean };

/** What a room needs of a connection. */
export interface RoomPeer {
  send(frame: Uint8Array): void;
  /** The room was reloaded from storage: ask the peer for anything of its own the room now lacks. */
  resync(): void;
  /** The room's state grew: updates the peer sent that waited on it may apply now. Returns whether any did. */
  retryHeld(): boolean;
  /** Bytes of updates the peer holds. */
  readonly heldByteCount: number;
}

function countTypes(doc: Y.Doc): number {
  let n = 0;
  for (const structs of doc.store.clients.values()) {
    for (const s of structs) if (s instanceof Y.Item && !s.deleted && s.content instanceof Y.ContentType) n++;
  }
  return n;
}

/**
 * One document and the peers editing it. The room never reads from a socket
 * and never writes to disk itself: its connections feed it decoded frames and
 * the relay hands it the store.
 *
 * When the room's copy may no longer match storage (a refused update was
 * applied halfway, a write failed), it resets in place: it lets every accepted
 * write finish, reloads from storage and asks each peer to sync again. Peers
 * stay connected, and nothing accepted is dropped or reordered. Frames and
 * server changes wait while that happens (`whenReady`).
 */
export class Room {
  doc = new Y.Doc({ gc: true });
  readonly awareness = new AwarenessRegistry((client) => this.owners.get(client));
  /** Peers that have been welcomed (sent the document) and receive broadcasts. */
  readonly peers = new Set<RoomPeer>();
  /** Peers holding updates that wait for changes the room lacks. */
  readonly waiting = new Set<RoomPeer>();
  /** Connections attached to the room, welcomed or still waiting for the load. */
  attached = 0;
  /** Resolves once stored state is in `doc`; rejects if it could not be loaded. */
  readonly loaded: Promise<void>;
  /** Set when a reset could not reload the document; the relay drops the room. */
  lost = false;
  /** Which user each Yjs client id writing in this document belongs to. */
  private owners = new Map<number, string>();
  private typeCount = 0;
  /** Bytes storage holds of this document, counted as the relay writes and compacts. */
  private storedBytes = 0;
  /** Settles when the latest write started has finished, either way. */
  private lastWrite: Promise<unknown> = Promise.resolve();
  /** Writes that failed, ever: a confirmation asked for before one failed is not given. */
  private failures = 0;
  /** Whether storage holds anything of this document (the first write makes a new document). */
  private stored = false;
  /** Sequence number of the last stored update that has been applied to `doc`. */
  private appliedSeq = 0;
  private updatesSinceCompaction = 0;
  private compacting = false;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly writes = new Set<Promise<unknown>>();
  /** Updates applied to `doc` whose write has not finished. Nothing leaves the room until it is zero. */
  private pendingWrites = 0;
  private durableWaiters: (() => void)[] = [];
  /** While set, the room is resetting: everything that reads or changes `doc` waits for it. */
  private gate: Promise<void> | null = null;
  private retrying = false;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly compactEvery: number,
    private readonly onLost: (room: Room) => void,
    readonly shape: DocumentShape,
    /** Only the server writes this document; a client update that adds anything is refused. */
    readonly readOnly = false,
    /** What a client's update may change here, beyond applying cleanly. */
    readonly rule: ChangeRule | null = null,
    /** The journal's storage use, checked before anything new is stored (null: no quota). */
    readonly usage: JournalUsage | null = null,
  ) {
    this.loaded = this.track(Promise.all([this.store.loadDoc(this.name), usage?.ready]).then(([stored]) => this.adopt(stored)));
    // A rejected load is handled by every peer that awaits it; this keeps Node
    // from reporting it as unhandled when no peer is waiting yet.
    this.loaded.catch(() => {});
  }

  /** Makes `stored` the room's document. */
  private adopt(stored: StoredDoc): void {
    const doc = new Y.Doc({ gc: true });
    doc.transact(() => {
      if (stored.snapshot) this.applyStored(doc, stored.snapshot);
      for (const update of stored.updates) this.applyStored(doc, update);
    }, 'storage');
    if (this.doc !== doc) this.doc.destroy();
    this.doc = doc;
    this.owners = new Map(stored.owners);
    // The server writes under the id it used before, rather than a new one per load, so a
    // document's list of writers (and its state vector) does not grow with every restart.
    for (const [client, owner] of this.owners) {
      if (owner === SERVER_OWNER && doc.store.clients.has(client)) {
        doc.clientID = client;
        break;
      }
    }
    this.typeCount = countTypes(doc);
    this.stored = stored.snapshot !== null || stored.updates.length > 0;
    this.storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    this.appliedSeq = stored.lastSeq;
    this.updatesSinceCompaction = stored.updates.length;
    this.maybeCompact();
  }

  private applyStored(doc: Y.Doc, update: Uint8Array): void {
    try {
      Y.applyUpdate(doc, update, 'storage');
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

  /** Runs `fn` now if the room is not resetting, else once it has reset. */
  whenReady<T>(fn: () => T): T | Promise<T> {
    if (this.gate) return this.gate.then(() => this.whenReady(fn));
    return fn();
  }

  /** Whether another `bytes` of held updates fit within the room's bound (MAX_HELD_BYTES_PER_ROOM). */
  mayHold(bytes: number): boolean {
    let total = bytes;
    for (const peer of this.waiting) total += peer.heldByteCount;
    return total <= MAX_HELD_BYTES_PER_ROOM;
  }

  /** Whether the room is resetting: nothing may read or change `doc` until it is done. */
  get resetting(): boolean {
    return this.gate !== null;
  }

  /** Resolves when the room is loaded and not resetting; rejects if it is lost. */
  async ready(): Promise<void> {
    await this.loaded;
    while (this.gate) await this.gate;
    if (this.lost) throw new Error('the document could not be reloaded from storage');
  }

  /**
   * Runs `fn` at a moment when everything applied to `doc` is durable and the
   * room is not resetting, so that a document sent to a client then holds
   * nothing that a crash could lose and nothing that was refused.
   */
  whenSettled(fn: () => void): Promise<void> {
    if (this.gate) return this.gate.then(() => this.whenSettled(fn));
    if (this.pendingWrites > 0) return new Promise<void>((resolve) => this.durableWaiters.push(resolve)).then(() => this.whenSettled(fn));
    fn();
    return Promise.resolve();
  }

  ownerOf(client: number): string | undefined {
    return this.owners.get(client) ?? this.awareness.userOf(client);
  }

  /**
   * Applies a client's update, if it may be. Checked first, without touching
   * `doc`: that it does not depend on changes the room lacks (Yjs would park
   * it in memory, unstored), that it writes only under client ids that are
   * the sender's or nobody's, and that it keeps the document's shape. Then
   * applied, which validates the rest: an update Yjs cannot integrate, or
   * one the room's rule refuses, has changed `doc` halfway, so the room resets.
   */
  applyIncoming(update: Uint8Array, origin: RoomPeer, sender: PeerIdentity): IncomingResult {
    const types = { cached: this.typeCount, recount: () => (this.typeCount = countTypes(this.doc)) };
    const inspection = inspectUpdate(update, this.doc, this.shape, (client) => this.ownerOf(client), sender.userId, types);
    if (inspection.verdict !== 'apply') return inspection;
    // Refused before applying where that can be known, so the room need not reset.
    if (this.readOnly && (inspection.freshStructs > 0 || !deletesOnlyDeleted(inspection.deletes, this.doc))) {
      return { verdict: 'refuse', problem: 'readOnly', reason: 'this document is written by the server only' };
    }
    if (this.usage && !this.usage.fits(update.byteLength, !this.stored)) {
      return { verdict: 'refuse', problem: 'quota', reason: 'this journal has reached its storage limit' };
    }
    const owners: NewOwners = inspection.newClients.map((client) => [client, sender.userId] as const);
    for (const [client, userId] of owners) this.owners.set(client, userId);

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
    } catch (error) {
      this.reset(`an update from ${sender.userId} failed halfway: ${String(error)}`);
      return { verdict: 'refuse', problem: 'unapplicable', reason: 'document update does not apply', reset: true };
    } finally {
      this.doc.off('update', capture);
      for (const type of watched) type.unobserveDeep(review);
    }
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      // The inspection should have caught this; never keep a parked update.
      this.reset(`an update from ${sender.userId} left parts parked`);
      return { verdict: 'refuse', problem: 'outOfOrder', reason: 'the update depends on changes the relay lacks; reconnect and sync', reset: true };
    }
    if (problem) {
      this.reset(`a forbidden change from ${sender.userId}: ${problem}`);
      return { verdict: 'refuse', problem: 'rule', reason: problem, reset: true };
    }
    if (added && this.readOnly) {
      this.reset(`a write to a read-only document from ${sender.userId}`);
      return { verdict: 'refuse', problem: 'readOnly', reason: 'this document is written by the server only', reset: true };
    }
    if (added && !this.withinQuota(added)) {
      this.reset(`an update from ${sender.userId} would pass the journal's storage limit`);
      return { verdict: 'refuse', problem: 'quota', reason: 'this journal has reached its storage limit', reset: true };
    }
    this.typeCount += inspection.newTypes;
    // Held updates this one may unblock are retried by the caller once its write has started
    // (retryWaiting): a retried update that fails makes the room reload, and the reload must
    // find this one's write among those it waits for.
    return { verdict: 'apply', added, owners: added ? owners : [] };
  }

  /**
   * Runs a change made by the server itself and returns the part that was new.
   * `change` must check everything before it writes: if it throws after
   * writing, the room resets from storage.
   */
  applyServerChange<T>(change: (doc: Y.Doc) => T, origin: object): { result: T; added: Uint8Array | null; owners: NewOwners } {
    let added: Uint8Array | null = null;
    const capture = (update: Uint8Array, changeOrigin: unknown) => {
      if (changeOrigin === origin) added = added ? Y.mergeUpdates([added, update]) : update;
    };
    const doc = this.doc;
    this.doc.on('update', capture);
    try {
      const result = doc.transact(() => change(doc), origin);
      if (added && !this.withinQuota(added)) throw new JournalFullError();
      let owners: NewOwners = [];
      if (added && this.owners.get(doc.clientID) !== SERVER_OWNER) {
        this.owners.set(doc.clientID, SERVER_OWNER);
        owners = [[doc.clientID, SERVER_OWNER]];
      }
      return { result, added, owners };
    } catch (error) {
      if (added) this.reset('a server change failed halfway');
      throw error;
    } finally {
      doc.off('update', capture);
    }
  }

  /** Counts `added` against the journal's quota if it fits; false if it does not. */
  private withinQuota(added: Uint8Array): boolean {
    if (this.usage && !this.usage.fits(added.byteLength, !this.stored)) return false;
    this.usage?.add(added.byteLength, !this.stored);
    this.storedBytes += added.byteLength;
    this.stored = true;
    return true;
  }

  /**
   * Resolves with whether every write started so far succeeded: writes
   * complete in order, so the last one settling means all before it have.
   * A storage confirmation is sent only when this is true.
   */
  writesSoFar(): Promise<boolean> {
    const failures = this.failures;
    return this.lastWrite.then(() => this.failures === failures);
  }

  /** An applied update is about to be written; nothing leaves the room until it is. */
  writeStarted(write: Promise<unknown>): void {
    this.pendingWrites++;
    this.lastWrite = write.then(
      () => {},
      () => {},
    );
    this.writes.add(write);
    const done = () => this.writes.delete(write);
    write.then(done, done);
  }

  /** An applied update is now durable: relay it to every other peer. */
  writeSucceeded(seq: number, origin: RoomPeer | null, frame: Uint8Array): void {
    this.pendingWrites--;
    this.appliedSeq = Math.max(this.appliedSeq, seq);
    this.updatesSinceCompaction++;
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
    if (this.pendingWrites === 0) {
      this.releaseDurableWaiters();
      this.maybeCompact();
    }
  }

  /** An applied update could not be stored: `doc` is now ahead of storage. */
  writeFailed(): void {
    this.failures++;
    this.pendingWrites--;
    if (this.pendingWrites === 0) this.releaseDurableWaiters();
    this.reset('an update could not be stored');
  }

  private releaseDurableWaiters(): void {
    const waiters = this.durableWaiters;
    this.durableWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Brings `doc` back to exactly what storage holds, without losing anything
   * accepted: every write already queued finishes first (so it is in what is
   * loaded), then the document is reloaded and every peer is asked to sync,
   * which brings back its own changes that storage lacks. If the reload
   * fails, the room is lost and the relay closes its sockets (retryable).
   */
  reset(reason: string): void {
    if (this.gate || this.lost) return;
    this.log.warn('reloading a document from storage', { room: this.name, reason });
    this.gate = this.track(
      (async () => {
        while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
        this.adopt(await this.store.loadDoc(this.name));
      })(),
    ).then(
      () => {
        this.gate = null;
        for (const peer of this.peers) peer.resync();
        this.retryWaiting();
      },
      (error: unknown) => {
        this.log.error('a document could not be reloaded', { room: this.name, error: String(error) });
        this.lost = true;
        this.gate = null;
        this.onLost(this);
      },
    );
  }

  broadcast(frame: Uint8Array, except?: RoomPeer): void {
    for (const peer of this.peers) if (peer !== except) peer.send(frame);
  }

  /**
   * Lets peers whose held updates may now apply try them, once per change,
   * never re-entrantly. Called after a change's write has started.
   */
  retryWaiting(): void {
    if (this.retrying || this.waiting.size === 0) return;
    this.retrying = true;
    try {
      // One peer's held update may be what another's waits for. A reset stops the round
      // (nothing may apply to a document about to be replaced); it retries when done.
      let progress = true;
      while (progress && !this.gate) {
        progress = false;
        for (const peer of [...this.waiting]) if (!this.gate && peer.retryHeld()) progress = true;
      }
    } finally {
      this.retrying = false;
    }
  }

  private maybeCompact(): void {
    // A snapshot must hold exactly what storage holds: no pending writes, no reset under way.
    if (this.gate || this.lost || this.compacting || this.pendingWrites > 0 || this.updatesSinceCompaction < this.compactEvery) return;
    this.compacting = true;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const throughSeq = this.appliedSeq;
    const counted = this.updatesSinceCompaction;
    // Nothing is pending, so storage holds exactly `storedBytes` of this document now.
    const before = this.storedBytes;
    this.track(
      this.store
        .compactDoc(this.name, snapshot, throughSeq)
        .then(() => {
          this.updatesSinceCompaction -= counted;
          const freed = before - snapshot.byteLength;
          this.storedBytes -= freed;
          this.usage?.add(-freed, false);
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

/** Whether every range `deletes` names is already deleted in `doc` (so applying it changes nothing). */
function deletesOnlyDeleted(deletes: DeleteSet, doc: Y.Doc): boolean {
  for (const [client, ranges] of deletes.clients) {
    const structs = doc.store.clients.get(client);
    for (const range of ranges) {
      if (!structs) return false;
      const end = range.clock + range.len;
      if (end > Y.getState(doc.store, client)) return false;
      for (let i = Y.findIndexSS(structs, range.clock); i < structs.length && structs[i].id.clock < end; i++) {
        if (!structs[i].deleted) return false;
      }
    }
  }
  return true;
}
