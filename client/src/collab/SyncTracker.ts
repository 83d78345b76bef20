import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { DUET_MESSAGE_TYPE, DuetMessageKind, readDuetPayload, writeFlushRequest } from '#shared/protocol/flushAck.js';
import type { DocPersistence } from './DocPersistence';
import type { SyncLedger } from './SyncLedger';

/**
 * Where this device's changes to one document are:
 * - `loading`: the local copy is still being read;
 * - `unconfirmed`: some change made here has not been confirmed stored by the relay;
 * - `confirmed`: the relay confirmed storing every change made here.
 */
export type SyncPhase = 'loading' | 'unconfirmed' | 'confirmed';

/** Local edits this close together are confirmed with one request. */
const REQUEST_DEBOUNCE_MS = 250;

/** Nonces only need to be unique per socket; one counter for the tab keeps them unique across reconnects too. */
let lastNonce = 0;

type Listener = () => void;

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
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly persistence: DocPersistence,
    private readonly ledger: SyncLedger,
  ) {
    provider.messageHandlers[DUET_MESSAGE_TYPE] = this.onDuetMessage;
    doc.on('update', this.onUpdate);
    provider.on('sync', this.onSync);
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
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (result: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(result);
      };
      const unsubscribe = this.subscribe(() => {
        if (this.phase === 'confirmed') finish(true);
        else if (this.destroyed) finish(false);
      });
    });
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.doc.off('update', this.onUpdate);
    this.provider.off('sync', this.onSync);
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }

  private onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || origin === this.persistence) return;
    this.localChanges++;
    // Same turn as the update, so the mark lands in the same IndexedDB transaction.
    this.persistence.markUnconfirmed();
    this.refresh();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.request();
    }, REQUEST_DEBOUNCE_MS);
  };

  private onSync = (synced: boolean): void => {
    if (synced && this.phase === 'unconfirmed') this.request();
  };

  private request(): void {
    const ws = this.provider.ws;
    // Before the sync our step 2 may not have been sent; the sync event asks again.
    if (this.destroyed || !ws || ws.readyState !== ws.OPEN || !this.provider.wsconnected || !this.provider.synced) return;
    const nonce = ++lastNonce;
    this.awaiting = { nonce, changes: this.localChanges, ownClock: ownClock(this.doc) };
    ws.send(writeFlushRequest(nonce));
  }

  /** Registered as the provider's handler for Duet frames; writes nothing back. */
  private onDuetMessage = (_encoder: encoding.Encoder, decoder: decoding.Decoder): void => {
    let message: { kind: number; nonce: number };
    try {
      message = readDuetPayload(decoder);
    } catch {
      return;
    }
    if (message.kind !== DuetMessageKind.Flushed) return;
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
  };

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
