import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { DuetMessageKind, readDuetPayload, writeFlushRequest } from '#shared/protocol/flushAck.js';
import type { DocPersistence } from './DocPersistence';
import type { Clock, TimerHandle } from './ports';
import type { SyncLedger } from './SyncLedger';

/**
 * Where this device's changes to one document are:
 * - `loading`: the local copy is still being read;
 * - `unconfirmed`: some change made here has not been confirmed stored by the relay;
 * - `confirmed`: the relay confirmed storing every change made here.
 */
export type SyncPhase = 'loading' | 'unconfirmed' | 'confirmed';

/** Local edits this close together are confirmed with one request. */
export const REQUEST_DEBOUNCE_MS = 250;

type Listener = () => void;

/** How the tracker reaches the relay; the room (RoomRegistry) provides it. */
export interface FlushChannel {
  /** Updates with this origin came from elsewhere (the relay, or another tab): not local changes. */
  readonly remoteOrigin: unknown;
  /**
   * Sends `frame` on the room's socket if it is open and has synced (before
   * the sync our step 2 may not have gone out yet); false otherwise.
   */
  sendWhenSynced(frame: Uint8Array): boolean;
  /** Called each time the room completes a sync with the relay. */
  onSynced(listener: () => void): () => void;
  /** A nonce unique within the engine (so unique per socket, across reconnects too). */
  nextNonce(): number;
}

/**
 * Knows whether the relay has durably stored this device's changes to one
 * document, using Duet's flush acknowledgement (shared/protocol/flushAck.ts).
 *
 * A local change is an `update` whose origin is neither the provider (the
 * relay, or another tab over BroadcastChannel: that tab confirms its own) nor
 * the persistence loader. After local changes (debounced) and after every
 * sync with the relay, the tracker sends `FlushRequest(n)`; the relay answers
 * `Flushed(n)` once everything this socket sent before it is on disk. The
 * document is confirmed when the answer to the latest request arrives and no
 * local change happened since that request.
 *
 * Why a sync needs a request too: the relay sends its sync step 1 before
 * answering ours, so by the time our `sync` event fires we have already
 * answered with step 2, which carries everything made offline or in an
 * earlier session. Confirming after it covers those changes.
 */
export class SyncTracker {
  private phase: SyncPhase = 'loading';
  private loaded = false;
  /** Counts local changes; a confirmation covers the count at the time of its request. */
  private localChanges = 0;
  private confirmedChanges = 0;
  /** The stored mark: a change from an earlier page (or a closed room) still unconfirmed. */
  private unconfirmedFromDisk = false;
  private awaiting: { nonce: number; changes: number; ownClock: number } | null = null;
  private confirmedOwnClock = 0;
  private timer: TimerHandle | null = null;
  private destroyed = false;
  private readonly listeners = new Set<Listener>();
  private readonly stopSynced: () => void;

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly channel: FlushChannel,
    private readonly persistence: DocPersistence,
    private readonly ledger: SyncLedger,
    private readonly clock: Clock,
  ) {
    doc.on('update', this.onUpdate);
    this.stopSynced = channel.onSynced(this.onSync);
    void persistence.loaded.then(({ unconfirmed }) => {
      if (this.destroyed) return;
      this.loaded = true;
      this.unconfirmedFromDisk = unconfirmed;
      this.refresh();
      if (this.phase === 'unconfirmed') this.request();
    });
  }

  getState = (): SyncPhase => this.phase;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Items this doc's own client made with a clock below this are stored by the
   * relay, so a partner may have seen them. Items at or above it may not have
   * left this device yet.
   */
  get ownConfirmedClock(): number {
    return this.confirmedOwnClock;
  }

  /** Resolves true once confirmed, false after `timeoutMs` or when destroyed first. */
  whenConfirmed(timeoutMs: number): Promise<boolean> {
    if (this.phase === 'confirmed') return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = this.clock.setTimeout(() => finish(false), timeoutMs);
      const finish = (result: boolean) => {
        this.clock.clearTimeout(timer);
        unsubscribe();
        resolve(result);
      };
      const unsubscribe = this.subscribe(() => {
        if (this.phase === 'confirmed') finish(true);
        else if (this.destroyed) finish(false);
      });
    });
  }

  /** A Duet frame from the relay on this room's socket. */
  receive(frame: Uint8Array): void {
    let message: { kind: number; nonce: number };
    try {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      message = readDuetPayload(decoder);
    } catch {
      return;
    }
    if (this.destroyed || message.kind !== DuetMessageKind.Flushed) return;
    const awaited = this.awaiting;
    if (!awaited || awaited.nonce !== message.nonce) return;
    this.awaiting = null;
    // Typed again since the request: that change has its own request coming.
    if (awaited.changes !== this.localChanges) return;
    this.unconfirmedFromDisk = false;
    this.confirmedChanges = awaited.changes;
    this.confirmedOwnClock = Math.max(this.confirmedOwnClock, awaited.ownClock);
    this.persistence.markConfirmed();
    this.refresh();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.doc.off('update', this.onUpdate);
    this.stopSynced();
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }

  private onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.channel.remoteOrigin || origin === this.persistence) return;
    this.localChanges++;
    // Same turn as the update, so the mark lands in the same device write.
    this.persistence.markUnconfirmed();
    this.refresh();
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.request();
    }, REQUEST_DEBOUNCE_MS);
  };

  private onSync = (): void => {
    if (this.phase === 'unconfirmed') this.request();
  };

  private request(): void {
    if (this.destroyed) return;
    const nonce = this.channel.nextNonce();
    const awaiting = { nonce, changes: this.localChanges, ownClock: ownClock(this.doc) };
    // Set before sending: whatever answers it must find it.
    const previous = this.awaiting;
    this.awaiting = awaiting;
    if (!this.channel.sendWhenSynced(writeFlushRequest(nonce))) this.awaiting = previous;
  }

  private refresh(): void {
    if (this.destroyed) return;
    const unconfirmed = this.unconfirmedFromDisk || this.localChanges > this.confirmedChanges;
    const next: SyncPhase = !this.loaded ? 'loading' : unconfirmed ? 'unconfirmed' : 'confirmed';
    if (next === this.phase) return;
    this.phase = next;
    if (next !== 'loading') this.ledger.set(this.name, next === 'unconfirmed');
    for (const listener of [...this.listeners]) listener();
  }
}

/** How many items this doc's own client has made (the next item's clock). */
function ownClock(doc: Y.Doc): number {
  const structs = doc.store.clients.get(doc.clientID);
  if (!structs || structs.length === 0) return 0;
  const last = structs[structs.length - 1];
  return last.id.clock + last.length;
}
