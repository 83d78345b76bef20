import * as Y from 'yjs';
import { readAwarenessUpdate, writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { writeFlushed } from '#shared/protocol/flushAck.js';
import { type ClientFrame, readClientFrame, writeAwareness, writeSyncStep1, writeSyncStep2, writeUpdate } from '#shared/protocol/frames.js';
import {
  LARGE_FRAME_BYTES,
  MAX_AWARENESS_STATE_CHARS,
  MAX_HELD_BYTES,
  MAX_HELD_UPDATES,
  MAX_SEND_BUFFER_BYTES,
  MAX_USER_SEND_BYTES,
  RESET_COST_BYTES,
} from '#shared/protocol/limits.js';
import type { RateBudget } from './RateBudget.js';
import type { Refusal, Room, RoomPeer } from './Room.js';
import { stampAwareness } from './stampAwareness.js';
import type { Logger, PeerIdentity, PeerSocket } from './types.js';
import type { WriteBatcher } from './WriteBatcher.js';

/** Thrown inside frame handling to close only this socket with a named code. */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const CLOSE_FOR: Record<Refusal, number> = {
  owner: CloseCode.ClientIdTaken,
  shape: CloseCode.DocumentShape,
  rule: CloseCode.ForbiddenChange,
  readOnly: CloseCode.ReadOnlyDocument,
  unapplicable: CloseCode.BadMessage,
  outOfOrder: CloseCode.OutOfOrder,
  quota: CloseCode.JournalFull,
};

/** An update that depends on changes the room lacks, kept until they arrive. */
interface Held {
  update: Uint8Array;
  needs: Map<number, number>;
}

/**
 * One socket in one room. Frames are decoded as they arrive but handled in
 * order, and only after the room's stored state is loaded (and while it is not
 * resetting): a client is never answered from a half-loaded document.
 */
export class Connection implements RoomPeer {
  private chain: Promise<void>;
  private closed = false;
  /** Set when the relay itself closes the socket (bad input, removal): queued frames are dropped. */
  private discardPending = false;
  private warnedAwareness = false;
  /**
   * Updates that wait for changes the room lacks, as when a client that was
   * offline types before its sync reply arrives. They are neither applied nor
   * stored, and no storage confirmation is sent while any waits.
   */
  private held: Held[] = [];
  private heldBytes = 0;
  /** Storage confirmations asked for while updates were held. */
  private deferredAcks: number[] = [];

  constructor(
    readonly identity: PeerIdentity,
    readonly room: Room,
    private readonly socket: PeerSocket,
    private readonly batcher: WriteBatcher,
    private readonly log: Logger,
    private readonly onClose: (connection: Connection) => void,
    /** The sender's budget (null: no limit), and the bytes queued unsent on all the sender's sockets. */
    private readonly rate: { budget: RateBudget | null; now: () => number; queuedForUser: () => number },
  ) {
    this.chain = room.loaded.then(
      () => room.whenReady(() => this.welcome()),
      (error) => {
        this.log.error('document failed to load', { room: room.name, error: String(error) });
        this.close(CloseCode.StorageUnavailable, 'document could not be loaded; retry later');
      },
    );
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Feeds one binary frame from the socket. */
  receive(data: Uint8Array): void {
    if (this.closed) return;
    // Checked before decoding: a flood costs the relay as little as possible.
    if (this.rate.budget && !this.rate.budget.take(data.byteLength, this.rate.now())) {
      this.reject(new ProtocolError(CloseCode.RateExceeded, 'too many messages; slow down and reconnect'));
      return;
    }
    let frame: ClientFrame;
    try {
      frame = readClientFrame(data);
    } catch (error) {
      this.reject(new ProtocolError(CloseCode.BadMessage, `malformed message: ${(error as Error).message}`));
      return;
    }
    // Tracked by the room, so it is not unloaded while a received frame waits for the load.
    this.chain = this.room.track(this.chain.then(() => this.room.whenReady(() => this.process(frame))));
  }

  private process(frame: ClientFrame): void {
    if (this.discardPending || this.room.lost) return;
    // A peer that hung up right after typing still had its words received: store them,
    // but answer nothing and publish no awareness for a socket that is gone.
    if (this.closed && frame.type !== 'update' && frame.type !== 'syncStep2') return;
    try {
      this.handle(frame);
    } catch (error) {
      this.reject(error);
    }
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  /**
   * Sends a frame unless that would queue more than the relay keeps for a
   * reader that does not read: per socket, and per person over all their
   * sockets (so sixty sockets asking for a large document and never reading
   * cannot make the server hold sixty copies). A first frame larger than the
   * bound still goes out when nothing is queued, so any document can load.
   */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    const buffered = this.socket.bufferedAmount;
    const size = frame.byteLength;
    if (buffered > 0 && buffered + size > MAX_SEND_BUFFER_BYTES) {
      this.close(CloseCode.SlowConsumer, 'too far behind the room');
      return;
    }
    // Summing over the person's sockets is only worth it when bytes pile up.
    if (size >= LARGE_FRAME_BYTES || buffered >= LARGE_FRAME_BYTES) {
      const queued = this.rate.queuedForUser();
      if (queued > 0 && queued + size > MAX_USER_SEND_BYTES) {
        this.close(CloseCode.SlowConsumer, 'too much unread data on your connections; retry later');
        return;
      }
    }
    this.socket.send(frame);
  }

  resync(): void {
    this.send(writeSyncStep1(Y.encodeStateVector(this.room.doc)));
  }

  retryHeld(): boolean {
    let progress = false;
    let again = true;
    while (again && this.held.length > 0 && !this.discardPending && !this.room.resetting) {
      again = false;
      const store = this.room.doc.store;
      for (const entry of this.held) {
        if (!satisfied(entry.needs, store)) continue;
        this.held.splice(this.held.indexOf(entry), 1);
        this.heldBytes -= entry.update.byteLength;
        progress = again = true;
        try {
          // Applied (and its write started, or held again) before any confirmation is released.
          this.storeAndRelay(entry.update);
        } catch (error) {
          this.reject(error);
          return progress;
        }
        break;
      }
    }
    if (this.held.length === 0) this.releaseAcks();
    return progress;
  }

  /** Closes the socket (if still open) and leaves the room. Safe to call twice. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.discardPending = true;
    this.dropHeld();
    try {
      this.socket.close(code, closeReason(reason));
    } finally {
      this.onClose(this);
    }
  }

  /** The transport saw the socket close. */
  socketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    // Held updates go with the socket: the client sends them again when it reconnects and syncs.
    this.dropHeld();
    this.onClose(this);
  }

  private dropHeld(): void {
    this.held = [];
    this.heldBytes = 0;
    this.deferredAcks = [];
    this.room.waiting.delete(this);
  }

  private releaseAcks(): void {
    this.room.waiting.delete(this);
    for (const nonce of this.deferredAcks.splice(0)) this.ackWhenStored(nonce);
  }

  /**
   * Confirms once every write the room has started is stored. The room's, not
   * only this socket's: an update this socket sent may have added nothing
   * because another socket's copy of it was on its way to disk.
   */
  private ackWhenStored(nonce: number): void {
    this.room.track(
      this.room.writesSoFar().then((stored) => {
        if (stored) this.send(writeFlushed(nonce));
        else this.close(CloseCode.StorageUnavailable, 'could not store recent changes; retry later');
      }),
    );
  }

  private reject(error: unknown): void {
    const code = error instanceof ProtocolError ? error.code : CloseCode.BadMessage;
    const reason = error instanceof Error ? error.message : String(error);
    this.log.warn('closing socket after bad input', { room: this.room.name, user: this.identity.userId, code, reason });
    this.close(code, reason);
  }

  private welcome(): void {
    if (this.closed) return;
    this.room.peers.add(this);
    this.send(writeSyncStep1(Y.encodeStateVector(this.room.doc)));
    const states = this.room.awareness.snapshot();
    if (states.length > 0) this.send(writeAwareness(writeAwarenessUpdate(states)));
  }

  private handle(frame: ClientFrame): void {
    switch (frame.type) {
      case 'syncStep1': {
        try {
          Y.decodeStateVector(frame.stateVector);
        } catch {
          throw new ProtocolError(CloseCode.BadMessage, 'malformed state vector');
        }
        const stateVector = frame.stateVector.slice();
        const room = this.room;
        room.track(
          room.whenSettled(() => {
            // Refused before the document is encoded: a copy is what costs memory.
            if (this.rate.queuedForUser() >= MAX_USER_SEND_BYTES) this.close(CloseCode.SlowConsumer, 'too much unread data on your connections; retry later');
            else this.send(writeSyncStep2(Y.encodeStateAsUpdate(room.doc, stateVector)));
          }),
        );
        return;
      }
      case 'syncStep2':
      case 'update':
        this.storeAndRelay(frame.update);
        return;
      case 'awareness':
        this.applyAwareness(frame.update);
        return;
      case 'queryAwareness':
        this.send(writeAwareness(writeAwarenessUpdate(this.room.awareness.snapshot())));
        return;
      case 'flushRequest':
        // Nothing is confirmed while an update this socket sent waits unstored.
        if (this.held.length > 0) this.deferredAcks.push(frame.nonce);
        else this.ackWhenStored(frame.nonce);
        return;
    }
  }

  private storeAndRelay(update: Uint8Array): void {
    const room = this.room;
    let result;
    try {
      result = room.applyIncoming(update, this, this.identity);
    } catch {
      throw new ProtocolError(CloseCode.BadMessage, 'malformed document update');
    }
    if (result.verdict === 'refuse') {
      // A refusal that made the room reload costs the sender a share of their budget, so that
      // nobody can keep a room reloading by reconnecting and sending such updates again.
      if (result.reset) this.rate.budget?.take(RESET_COST_BYTES, this.rate.now());
      this.reject(new ProtocolError(CLOSE_FOR[result.problem], result.reason));
      return;
    }
    if (result.verdict === 'wait') {
      this.hold(update, result.needs);
      return;
    }
    const { added, owners } = result;
    if (!added) return;
    const frame = writeUpdate(added);
    const write = this.batcher.write(room.name, added, owners).then(
      (seq) => room.writeSucceeded(seq, this, frame),
      (error) => {
        // Not stored, so relayed to nobody. The sender is told to come back
        // later (its client still holds the change and sends it again then);
        // the room reloads what storage has, and asks the others to sync.
        this.log.error('could not store an update', { room: room.name, error: String(error) });
        this.close(CloseCode.StorageUnavailable, 'could not store your changes; retry later');
        room.writeFailed();
      },
    );
    room.writeStarted(write);
    room.track(write);
    room.retryWaiting();
  }

  private hold(update: Uint8Array, needs: Map<number, number>): void {
    if (this.held.length >= MAX_HELD_UPDATES || this.heldBytes + update.byteLength > MAX_HELD_BYTES || !this.room.mayHold(update.byteLength)) {
      throw new ProtocolError(CloseCode.OutOfOrder, 'updates depend on changes the relay has not received; reconnect and sync');
    }
    this.held.push({ update, needs });
    this.heldBytes += update.byteLength;
    this.room.waiting.add(this);
  }

  /** Bytes of updates this socket holds; the room bounds their sum. */
  get heldByteCount(): number {
    return this.heldBytes;
  }

  private applyAwareness(update: Uint8Array): void {
    let entries;
    try {
      entries = readAwarenessUpdate(update);
    } catch {
      throw new ProtocolError(CloseCode.BadMessage, 'malformed awareness update');
    }
    for (const entry of entries) {
      if (entry.stateJson.length > MAX_AWARENESS_STATE_CHARS) {
        throw new ProtocolError(CloseCode.AwarenessTooLarge, 'awareness state too large');
      }
    }
    const stamped = entries.map((entry) => stampAwareness(entry, this.identity));
    const { accepted, refused } = this.room.awareness.apply(this, this.identity.userId, stamped);
    if (refused > 0 && !this.warnedAwareness) {
      this.warnedAwareness = true;
      this.log.warn('ignored awareness entries that belong to another user', { room: this.room.name, user: this.identity.userId });
    }
    if (accepted.length > 0) this.room.broadcast(writeAwareness(writeAwarenessUpdate(accepted)), this);
  }
}

/** The WebSocket spec allows 123 bytes of close reason; `ws` throws beyond that. */
function closeReason(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > 120) text = text.slice(0, -1);
  return text;
}

/** Whether the document has reached every clock in `needs`. */
function satisfied(needs: ReadonlyMap<number, number>, store: Y.Doc['store']): boolean {
  for (const [client, clock] of needs) if (Y.getState(store, client) < clock) return false;
  return true;
}
