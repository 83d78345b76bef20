import * as Y from 'yjs';
import type { DocumentRule } from '#shared/documents/DocumentKind.js';
import type { DocumentShape } from '#shared/documents/documentShape.js';
import { type AwarenessEntry, writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { writeFlushed } from '#shared/protocol/flushAck.js';
import { writeAwareness, writeSyncStep1, writeSyncStep2, writeUpdate } from '#shared/protocol/frames.js';
import { MAX_HELD_BYTES, MAX_HELD_BYTES_PER_ROOM, MAX_HELD_UPDATES } from '#shared/protocol/limits.js';
import type { DocStore, StoredDoc } from '../storage/DocStore.js';
import { AwarenessRegistry } from './AwarenessRegistry.js';
import { type DeleteSet, inspectUpdate } from './inspectUpdate.js';
import { JournalFullError, type JournalUsage } from './JournalUsage.js';
import { APPLIED, HELD, type PeerEnd, refused, type UpdateOutcome } from './roomOutcomes.js';
import { stampAwareness } from './stampAwareness.js';
import type { Logger, PeerIdentity } from './types.js';
import { type WriteBase, WriteWithdrawn } from './WriteBatcher.js';
import { WriteLedger } from './WriteLedger.js';

/** Who writes under the Yjs client ids the server uses for its own changes. */
export const SERVER_OWNER = '#server';

/** Client ids first written in a change, with the user they now belong to; stored with the change. */
export type NewOwners = readonly (readonly [client: number, userId: string])[];

const NO_OWNERS: NewOwners = [];

/** The room's side of one connection: what it may send there, and how it lets the peer go. */
export interface RoomPeer {
  readonly identity: PeerIdentity;
  send(frame: Uint8Array): void;
  /**
   * Sends a frame that costs a copy of the document to build (a sync reply).
   * The peer builds it only if it would send it: a person with much unread
   * data on their sockets is cut off before the copy is made.
   */
  sendEncoded(encode: () => Uint8Array): void;
  /** The room has let the peer go (it is no longer a member), for `why`; the peer closes its socket. */
  end(why: PeerEnd): void;
}

/** Everything a room needs, handed in by the relay. */
export interface RoomOptions {
  name: string;
  /** Loads, reloads and compacts the document. */
  store: DocStore;
  /**
   * Appends one update to storage, batched with others (WriteBatcher); resolves with its sequence
   * number. Rejects, unwritten, if `base` is lost before the update's batch is taken.
   */
  write(doc: string, update: Uint8Array, owners: NewOwners, base: WriteBase): Promise<number>;
  log: Logger;
  /** Merge the update log into a snapshot once it holds this many updates. */
  compactEvery: number;
  shape: DocumentShape;
  /** Only the server writes this document; a client update that adds anything is refused. */
  readOnly: boolean;
  /** The one member who writes this document (a sealed answer, a note); others who may open it only read. Null: any. */
  onlyWriter: string | null;
  /**
   * With `onlyWriter`: the other members may still send formatting (a comment
   * mark on an answer), never content (refused before applying, 4405); `rule`
   * judges which formatting and any deletion (4406).
   */
  othersMayFormat: boolean;
  /** What a client's update may change here, beyond applying cleanly. */
  rule: DocumentRule | null;
  /** The journal's storage use, checked before anything new is stored (null: no quota). */
  usage: JournalUsage | null;
  /** The room could not reload its document and has let every peer go; the relay forgets it. */
  onDropped(room: Room): void;
  /** Told after each change is stored, with the document as it is now (see RelayOptions.onStored). */
  onStored?: (roomName: string, doc: Y.Doc) => void;
}

/** An update that depends on changes the room lacks, kept until they arrive. */
interface Held {
  update: Uint8Array;
  needs: Map<number, number>;
}

/** What the room keeps for one connection between its `join` and `leave`. */
interface Member {
  /** Updates that wait for changes the room lacks: neither applied nor stored, and no confirmation is given while any waits. */
  held: Held[];
  heldBytes: number;
  /** Storage confirmations asked for while updates were held. */
  deferredAcks: number[];
}

/** The origin of changes the server makes itself. */
const SERVER_ORIGIN = { server: true };

const ROOM_DROPPED: PeerEnd = Object.freeze({ kind: 'roomDropped' });
const NOT_STORED: PeerEnd = Object.freeze({ kind: 'notStored' });
const UNCONFIRMED: PeerEnd = Object.freeze({ kind: 'unconfirmed' });
const LOAD_FAILED: PeerEnd = Object.freeze({ kind: 'loadFailed' });

function countTypes(doc: Y.Doc): number {
  let n = 0;
  for (const structs of doc.store.clients.values()) {
    for (const s of structs) if (s instanceof Y.Item && !s.deleted && s.content instanceof Y.ContentType) n++;
  }
  return n;
}

/**
 * One document, the peers editing it, and the one path by which anything
 * changes it. The room never reads from a socket and never writes to disk
 * itself: connections hand it decoded messages, storage is reached through
 * `DocStore` and the batched `write`.
 *
 * Every change, a client's update (`receiveUpdate`) or the server's own
 * (`change`), goes: checked → applied → written (batched) → on commit relayed
 * to the other peers and counted for confirmations → on failure the room
 * resets (`commit`). When the room's copy may no longer match storage (a
 * refused update was applied halfway, a write failed), it resets in place: it
 * lets every accepted write finish, reloads from storage and sends every peer
 * a sync step 1. Peers stay connected, and nothing accepted is dropped or
 * reordered. Frames and server changes wait while that happens (`whenReady`).
 */
export class Room {
  readonly name: string;
  readonly usage: JournalUsage | null;
  doc = new Y.Doc({ gc: true });
  /** Resolves once stored state is in `doc`; rejects if it could not be loaded. */
  readonly loaded: Promise<void>;
  private readonly awareness = new AwarenessRegistry((client) => this.owners.get(client));
  /** Connections that joined and have not left, welcomed or still waiting for the load. */
  private readonly members = new Map<RoomPeer, Member>();
  /** Members that have been sent the document and receive broadcasts. */
  private readonly welcomed = new Set<RoomPeer>();
  /** Members holding updates that wait for changes the room lacks. */
  private readonly waiting = new Set<RoomPeer>();
  /** Server changes under way; the room is not unloaded while any is. */
  private serverChanges = 0;
  /** Set when a reset could not reload the document; the relay has dropped the room. */
  private dropped = false;
  /** Which user each Yjs client id writing in this document belongs to. */
  private owners = new Map<number, string>();
  private typeCount = 0;
  /** Bytes storage holds of this document, counted as the relay writes and compacts. */
  private storedBytes = 0;
  /** Whether storage holds anything of this document (the first write makes a new document). */
  private stored = false;
  /** Sequence number of the last stored update that has been applied to `doc`. */
  private appliedSeq = 0;
  private updatesSinceCompaction = 0;
  private compacting = false;
  private readonly writes = new WriteLedger();
  /**
   * What the writes started since `doc` last matched storage are applied on:
   * lost once one of them fails, new at every load (see WriteBase).
   */
  private base: { lost: boolean } = { lost: false };
  private readonly inflight = new Set<Promise<unknown>>();
  /** While set, the room is resetting: everything that reads or changes `doc` waits for it. */
  private gate: Promise<void> | null = null;
  private retrying = false;

  constructor(private readonly options: RoomOptions) {
    this.name = options.name;
    this.usage = options.usage;
    const { store, usage } = options;
    this.loaded = this.track(Promise.all([store.loadDoc(this.name), usage?.ready]).then(([stored]) => this.adopt(stored)));
    // A rejected load is handled by every peer that awaits it; this keeps Node
    // from reporting it as unhandled when no peer is waiting yet.
    this.loaded.catch(() => {});
  }

  // ── Membership ────────────────────────────────────────────────────────────

  /**
   * Takes a connection in. Resolves once it has been welcomed (sent a sync
   * step 1 and the room's presence) after the load, or let go if the load
   * failed: the connection handles its frames after that.
   */
  join(peer: RoomPeer): Promise<void> {
    this.members.set(peer, { held: [], heldBytes: 0, deferredAcks: [] });
    return this.loaded.then(
      () => this.whenReady(() => this.welcome(peer)),
      (error: unknown) => {
        this.options.log.error('document failed to load', { room: this.name, error: String(error) });
        if (this.members.has(peer)) this.letGo(peer, LOAD_FAILED);
      },
    );
  }

  /** A connection is gone: its held updates go with it, and its presence is removed for the others. */
  leave(peer: RoomPeer): void {
    const member = this.members.get(peer);
    if (!member) return;
    this.members.delete(peer);
    this.waiting.delete(peer);
    if (!this.welcomed.delete(peer)) return;
    const removed = this.awareness.removeOwner(peer);
    if (removed.length > 0) this.broadcast(writeAwareness(writeAwarenessUpdate(removed)));
  }

  /** Ends a peer's membership for `why`, and tells it so that it closes its socket. */
  private letGo(peer: RoomPeer, why: PeerEnd): void {
    this.leave(peer);
    peer.end(why);
  }

  /** Nobody is connected and no server change is under way: the relay may unload the room once `settled`. */
  get idle(): boolean {
    return this.members.size === 0 && this.serverChanges === 0;
  }

  /** Set once a reset could not reload the document: nothing more is done here. */
  get isDropped(): boolean {
    return this.dropped;
  }

  private welcome(peer: RoomPeer): void {
    if (!this.members.has(peer)) return;
    this.welcomed.add(peer);
    peer.send(writeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.snapshot();
    if (states.length > 0) peer.send(writeAwareness(writeAwarenessUpdate(states)));
  }

  private broadcast(frame: Uint8Array, except?: RoomPeer): void {
    for (const peer of this.welcomed) if (peer !== except) peer.send(frame);
  }

  // ── Frames a connection hands over ───────────────────────────────────────

  /** Answers a sync step 1 once everything applied is durable and the room is not resetting. */
  syncReply(peer: RoomPeer, stateVector: Uint8Array): void {
    this.background(
      this.whenSettled(() => peer.sendEncoded(() => writeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)))),
      'a sync reply',
    );
  }

  /** Applies a peer's presence entries (already decoded and size-checked); returns how many were refused as someone else's. */
  applyAwareness(peer: RoomPeer, entries: readonly AwarenessEntry[]): number {
    const stamped = entries.map((entry) => stampAwareness(entry, peer.identity));
    const { accepted, refused: refusedCount } = this.awareness.apply(peer, peer.identity.userId, stamped);
    if (accepted.length > 0) this.broadcast(writeAwareness(writeAwarenessUpdate(accepted)), peer);
    return refusedCount;
  }

  sendAwareness(peer: RoomPeer): void {
    peer.send(writeAwareness(writeAwarenessUpdate(this.awareness.snapshot())));
  }

  /**
   * Sends `[100, 1, nonce]` once every update the peer sent before asking is
   * stored: after every write the room has started (another tab's copy of the
   * same change may be the one on its way to disk), and only if none of them
   * failed (else the peer is let go, 4503). Nothing is confirmed while an
   * update of the peer waits unapplied.
   */
  confirmWhenStored(peer: RoomPeer, nonce: number): void {
    const member = this.members.get(peer);
    if (member && member.held.length > 0) member.deferredAcks.push(nonce);
    else this.ackWhenStored(peer, nonce);
  }

  private ackWhenStored(peer: RoomPeer, nonce: number): void {
    this.background(
      this.writes.allStoredSoFar().then((stored) => {
        if (stored) peer.send(writeFlushed(nonce));
        else this.letGo(peer, UNCONFIRMED);
      }),
      'a storage confirmation',
    );
  }

  // ── The write pipeline ────────────────────────────────────────────────────

  /**
   * A client's update, through the one pipeline. Checked first, without
   * touching `doc`: that it does not depend on changes the room lacks (Yjs
   * would park it in memory, unstored; it is held for the peer instead), that
   * it writes only under client ids that are the sender's or nobody's, and
   * that it keeps the document's shape. Then applied, which validates the
   * rest: an update Yjs cannot integrate, or one the room's rule refuses, has
   * changed `doc` halfway, so the room resets. Then committed (`commit`).
   * A peer that has left may still be handed the updates it sent before
   * hanging up: they are stored, but nothing is held for it.
   */
  receiveUpdate(peer: RoomPeer, update: Uint8Array): UpdateOutcome {
    const sender = peer.identity;
    const types = { cached: this.typeCount, recount: () => (this.typeCount = countTypes(this.doc)) };
    let inspection;
    try {
      inspection = inspectUpdate(update, this.doc, this.options.shape, (client) => this.ownerOf(client), sender.userId, types);
    } catch {
      return refused('unapplicable', 'malformed document update');
    }
    if (inspection.verdict === 'wait') return this.hold(peer, update, inspection.needs);
    if (inspection.verdict === 'refuse') return refused(inspection.problem, inspection.reason);
    // Refused before applying where that can be known, so the room need not reset.
    const notTheWriter = this.options.onlyWriter !== null && this.options.onlyWriter !== sender.userId;
    const formatsOnly = notTheWriter && this.options.othersMayFormat;
    const readOnly = this.options.readOnly || (notTheWriter && !formatsOnly);
    if (readOnly && (inspection.freshStructs > 0 || !deletesOnlyDeleted(inspection.deletes, this.doc))) {
      return refused('readOnly', this.options.readOnly ? 'this document is written by the server only' : 'only its writer changes this document');
    }
    if (formatsOnly && inspection.freshContent > 0) return refused('readOnly', 'only its writer changes the words of this document');
    if (this.usage && !this.usage.fits(update.byteLength, !this.stored)) {
      return refused('quota', 'this journal has reached its storage limit');
    }
    // A client id is bound to its writer in the document, stored with its first update, even
    // when its awareness claimed it first: the claim ends with the socket, the binding does not
    // (so nobody can later write under it, and "who wrote what" can name its writer).
    let owners = NO_OWNERS;
    const unbound = inspection.writers.filter((client) => !this.owners.has(client));
    if (unbound.length > 0) {
      owners = unbound.map((client) => [client, sender.userId] as const);
      for (const [client, userId] of owners) this.owners.set(client, userId);
    }

    let added: Uint8Array | null = null;
    const capture = (change: Uint8Array, changeOrigin: unknown) => {
      if (changeOrigin === peer) added = added ? Y.mergeUpdates([added, change]) : change;
    };
    // Judged inside the handler: Yjs computes an event's changes only while it is being delivered.
    let problem: string | null = null;
    const rule = this.options.rule;
    const watched = rule?.watch(this.doc) ?? [];
    // Only rooms whose rule judges new roots pay for remembering the old ones.
    const rootsBefore = rule?.newRoot ? this.doc.share.size : -1;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const review = (events: Y.YEvent<any>[], transaction: Y.Transaction) => {
      if (rule && transaction.origin === peer) problem ??= rule.check(events, this.doc, sender);
    };
    this.doc.on('update', capture);
    for (const type of watched) type.observeDeep(review);
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.reset(`an update from ${sender.userId} failed halfway: ${String(error)}`);
      return refused('unapplicable', 'document update does not apply', true);
    } finally {
      this.doc.off('update', capture);
      for (const type of watched) type.unobserveDeep(review);
    }
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      // The inspection should have caught this; never keep a parked update.
      this.reset(`an update from ${sender.userId} left parts parked`);
      return refused('outOfOrder', 'the update depends on changes the relay lacks; reconnect and sync', true);
    }
    if (!problem && rule?.newRoot && this.doc.share.size !== rootsBefore) {
      // Map keeps insertion order: the roots this update created are the last ones.
      let index = 0;
      for (const name of this.doc.share.keys()) {
        if (index++ >= rootsBefore) problem ??= rule.newRoot(name, this.doc, sender);
      }
    }
    if (problem) {
      this.reset(`a forbidden change from ${sender.userId}: ${problem}`);
      return refused('rule', problem, true);
    }
    if (added && readOnly) {
      this.reset(`a write to a read-only document from ${sender.userId}`);
      return refused('readOnly', 'this document is written by the server only', true);
    }
    if (added && !this.withinQuota(added)) {
      this.reset(`an update from ${sender.userId} would pass the journal's storage limit`);
      return refused('quota', 'this journal has reached its storage limit', true);
    }
    this.typeCount += inspection.newTypes;
    if (added) void this.commit(added, owners, peer);
    return APPLIED;
  }

  /**
   * Changes the document on the server's own authority (comments, written
   * after the API has checked who may do what), through the one pipeline:
   * waits for the load and any reset, runs `change` in one transaction,
   * commits what it added and resolves with what `change` returned once that
   * is stored. `change` must check everything before it writes: if it throws
   * after writing, the room resets from storage. Rejects if the write fails,
   * the journal is full (JournalFullError) or the room cannot be loaded.
   */
  async change<T>(change: (doc: Y.Doc) => T): Promise<T> {
    this.serverChanges++;
    try {
      // A reset may begin between ready() resolving and this line running: wait again until the
      // check and the change happen in the same turn.
      do await this.ready();
      while (this.gate);
      const { result, added, owners } = this.applyServerChange(change);
      if (added) await this.commit(added, owners, null);
      return result;
    } finally {
      this.serverChanges--;
    }
  }

  /**
   * The second half of the pipeline, the same for clients and the server:
   * writes `added` (batched with the other rooms' updates of this turn), and
   * on commit relays it to every peer but `origin`; if the write fails, the
   * sender is let go (4503: its client keeps the change and sends it again),
   * every later write of the room still queued is withdrawn unwritten (each
   * was applied on top of this one, so storing it would leave storage with an
   * update whose base it lacks; see WriteBase), and the room reloads what
   * storage has. A withdrawn write fails the same way. Held updates this change may
   * unblock are retried once its write has started: a retried update that
   * makes the room reload must find this write among those the reload waits for.
   */
  private commit(added: Uint8Array, owners: NewOwners, origin: RoomPeer | null): Promise<void> {
    const frame = writeUpdate(added);
    const base = this.base;
    const write = this.options.write(this.name, added, owners, base).then(
      (seq) => this.writeSucceeded(seq, origin, frame),
      (error: unknown) => {
        // Every later write of this document was applied on top of this one: none may be stored.
        base.lost = true;
        if (error instanceof WriteWithdrawn) this.options.log.warn('withdrew an update applied after one that could not be stored', { room: this.name });
        else this.options.log.error('could not store an update', { room: this.name, error: String(error) });
        if (origin) this.letGo(origin, NOT_STORED);
        this.writes.failed();
        this.reset('an update could not be stored');
        throw error;
      },
    );
    this.writes.started(write);
    // The caller hears of a failure (a server change rejects); the room has handled it above.
    const tracked = this.track(write);
    this.retryWaiting();
    return tracked;
  }

  private writeSucceeded(seq: number, origin: RoomPeer | null, frame: Uint8Array): void {
    this.appliedSeq = Math.max(this.appliedSeq, seq);
    this.updatesSinceCompaction++;
    this.broadcast(frame, origin ?? undefined);
    this.writes.stored();
    this.options.onStored?.(this.name, this.doc);
    if (this.writes.durable) this.maybeCompact();
  }

  /** Runs a server change in one transaction and returns the part that was new. */
  private applyServerChange<T>(change: (doc: Y.Doc) => T): { result: T; added: Uint8Array | null; owners: NewOwners } {
    let added: Uint8Array | null = null;
    const capture = (update: Uint8Array, changeOrigin: unknown) => {
      if (changeOrigin === SERVER_ORIGIN) added = added ? Y.mergeUpdates([added, update]) : update;
    };
    const doc = this.doc;
    doc.on('update', capture);
    try {
      const result = doc.transact(() => change(doc), SERVER_ORIGIN);
      if (added && !this.withinQuota(added)) throw new JournalFullError();
      let owners = NO_OWNERS;
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

  private ownerOf(client: number): string | undefined {
    return this.owners.get(client) ?? this.awareness.userOf(client);
  }

  /** Counts `added` against the journal's quota if it fits; false if it does not. */
  private withinQuota(added: Uint8Array): boolean {
    if (this.usage && !this.usage.fits(added.byteLength, !this.stored)) return false;
    this.usage?.add(added.byteLength, !this.stored);
    this.storedBytes += added.byteLength;
    this.stored = true;
    return true;
  }

  // ── Held updates ──────────────────────────────────────────────────────────

  private hold(peer: RoomPeer, update: Uint8Array, needs: Map<number, number>): UpdateOutcome {
    const member = this.members.get(peer);
    // Held updates go with their socket: a client sends them again when it reconnects and syncs.
    if (!member) return HELD;
    if (member.held.length >= MAX_HELD_UPDATES || member.heldBytes + update.byteLength > MAX_HELD_BYTES || !this.mayHold(update.byteLength)) {
      return refused('outOfOrder', 'updates depend on changes the relay has not received; reconnect and sync');
    }
    member.held.push({ update, needs });
    member.heldBytes += update.byteLength;
    this.waiting.add(peer);
    return HELD;
  }

  /** Whether another `bytes` of held updates fit within the room's bound (MAX_HELD_BYTES_PER_ROOM). */
  private mayHold(bytes: number): boolean {
    let total = bytes;
    for (const peer of this.waiting) total += this.members.get(peer)?.heldBytes ?? 0;
    return total <= MAX_HELD_BYTES_PER_ROOM;
  }

  /**
   * Lets members whose held updates may now apply try them, once per change,
   * never re-entrantly. Called after a change's write has started.
   */
  private retryWaiting(): void {
    if (this.retrying || this.waiting.size === 0) return;
    this.retrying = true;
    try {
      // One peer's held update may be what another's waits for. A reset stops the round
      // (nothing may apply to a document about to be replaced); it retries when done.
      let progress = true;
      while (progress && !this.gate) {
        progress = false;
        for (const peer of [...this.waiting]) if (!this.gate && this.retryHeld(peer) > 0) progress = true;
      }
    } finally {
      this.retrying = false;
    }
  }

  /** Applies the peer's held updates that can be now; returns how many left the hold. */
  private retryHeld(peer: RoomPeer): number {
    const member = this.members.get(peer);
    if (!member) {
      this.waiting.delete(peer);
      return 0;
    }
    let taken = 0;
    while (member.held.length > 0 && !this.gate) {
      const store = this.doc.store;
      const index = member.held.findIndex((entry) => satisfied(entry.needs, store));
      if (index < 0) break;
      const [entry] = member.held.splice(index, 1);
      member.heldBytes -= entry.update.byteLength;
      taken++;
      // Applied (and its write started, or held again) before any confirmation is released.
      const outcome = this.receiveUpdate(peer, entry.update);
      if (outcome.kind === 'refused') {
        this.letGo(peer, outcome);
        return taken;
      }
      // Nothing more is applied for a peer that has left meanwhile: what it held went with it.
      if (this.members.get(peer) !== member) break;
    }
    if (member.held.length === 0 && this.members.get(peer) === member) {
      this.waiting.delete(peer);
      for (const nonce of member.deferredAcks.splice(0)) this.ackWhenStored(peer, nonce);
    }
    return taken;
  }

  // ── Gates and resets ──────────────────────────────────────────────────────

  /** Tracks work that must finish before the room may be unloaded. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const done = () => this.inflight.delete(work);
    work.then(done, done);
    return work;
  }

  /**
   * Tracks work that nobody awaits: a reply, a confirmation, a compaction.
   * Each handles the failures it expects; anything else is logged rather than
   * left as a rejection nobody sees.
   */
  private background(work: Promise<unknown>, what: string): void {
    this.track(work).catch((error: unknown) => this.options.log.error(`${what} failed`, { room: this.name, error: String(error) }));
  }

  /** Resolves when no write, reload, compaction or queued frame of this room is in flight. */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Runs `fn` now if the room is not resetting, else once it has reset. */
  whenReady<T>(fn: () => T): T | Promise<T> {
    if (this.gate) return this.gate.then(() => this.whenReady(fn));
    return fn();
  }

  /** Resolves when the room is loaded and not resetting; rejects if it was dropped. */
  private async ready(): Promise<void> {
    await this.loaded;
    while (this.gate) await this.gate;
    if (this.dropped) throw new Error('the document could not be reloaded from storage');
  }

  /**
   * Runs `fn` at a moment when everything applied to `doc` is durable and the
   * room is not resetting, so that a document sent to a client then holds
   * nothing that a crash could lose and nothing that was refused.
   */
  private whenSettled(fn: () => void): Promise<void> {
    if (this.gate) return this.gate.then(() => this.whenSettled(fn));
    if (!this.writes.durable) return this.writes.whenDurable().then(() => this.whenSettled(fn));
    fn();
    return Promise.resolve();
  }

  /**
   * Brings `doc` back to exactly what storage holds, without losing anything
   * accepted: every write already queued finishes first (so it is in what is
   * loaded), then the document is reloaded and every welcomed peer is sent a
   * sync step 1 on its open socket, which brings back its own changes that
   * storage lacks. Nobody is closed for it: the peer whose update caused it
   * was refused already, and whatever the others were sent was stored. If the
   * reload fails, the room is dropped and lets every peer go (RoomReset,
   * 4205: reconnect and sync with a room loaded afresh).
   */
  reset(reason: string): void {
    if (this.gate || this.dropped) return;
    this.options.log.warn('reloading a document from storage', { room: this.name, reason });
    this.gate = this.track(
      (async () => {
        await this.writes.drain();
        this.adopt(await this.options.store.loadDoc(this.name));
      })(),
    ).then(
      () => {
        this.gate = null;
        const stateVector = writeSyncStep1(Y.encodeStateVector(this.doc));
        this.broadcast(stateVector);
        this.retryWaiting();
      },
      (error: unknown) => {
        this.options.log.error('a document could not be reloaded', { room: this.name, error: String(error) });
        this.dropped = true;
        this.gate = null;
        this.options.onDropped(this);
        for (const peer of [...this.members.keys()]) this.letGo(peer, ROOM_DROPPED);
      },
    );
  }

  /** Makes `stored` the room's document. */
  /** Whether a stored state was adopted before (the next adoption is a reload). */
  private adopted = false;

  private adopt(stored: StoredDoc): void {
    const doc = new Y.Doc({ gc: true });
    doc.transact(() => {
      if (stored.snapshot) this.applyStored(doc, stored.snapshot);
      for (const update of stored.updates) this.applyStored(doc, update);
    }, 'storage');
    if (this.doc !== doc) this.doc.destroy();
    this.doc = doc;
    // Every write of the old document has settled (a reset drains them first): later ones build on storage.
    this.base = { lost: false };
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
    const nowStored = stored.snapshot !== null || stored.updates.length > 0;
    const nowBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    // A reload: the journal's usage counted what this room wrote since, failed or withdrawn writes too
    // (at the first load it was read from storage itself, this document included).
    if (this.adopted) this.usage?.correct(nowBytes - this.storedBytes, Number(nowStored) - Number(this.stored));
    this.adopted = true;
    this.stored = nowStored;
    this.storedBytes = nowBytes;
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
      this.options.log.error('skipped a stored update that does not apply', { room: this.name, error: String(error) });
    }
  }

  /**
   * Compacts now, whatever the count: the snapshot is written from the document as it is, where
   * what changes overwrote has been collected, so it leaves storage (a deleted account's name).
   */
  async compactNow(): Promise<void> {
    await this.ready();
    await this.settled();
    this.maybeCompact(1);
    await this.settled();
  }

  private maybeCompact(every = this.options.compactEvery): void {
    // A snapshot must hold exactly what storage holds: no pending writes, no reset under way.
    if (this.gate || this.dropped || this.compacting || !this.writes.durable || this.updatesSinceCompaction < every) return;
    this.compacting = true;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const throughSeq = this.appliedSeq;
    const counted = this.updatesSinceCompaction;
    // Nothing is pending, so storage holds exactly `storedBytes` of this document now.
    const before = this.storedBytes;
    this.background(
      this.options.store
        .compactDoc(this.name, snapshot, throughSeq)
        .then(() => {
          this.updatesSinceCompaction -= counted;
          const freed = before - snapshot.byteLength;
          this.storedBytes -= freed;
          this.usage?.add(-freed, false);
        })
        .catch((error: unknown) => this.options.log.warn('compaction failed; the update log is kept', { room: this.name, error: String(error) }))
        .finally(() => {
          this.compacting = false;
        }),
      'a compaction',
    );
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/** Whether the document has reached every clock in `needs`. */
function satisfied(needs: ReadonlyMap<number, number>, store: Y.Doc['store']): boolean {
  for (const [client, clock] of needs) if (Y.getState(store, client) < clock) return false;
  return true;
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
