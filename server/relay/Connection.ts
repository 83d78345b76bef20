import * as Y from 'yjs';
import { readAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { type ClientFrame, readClientFrame } from '#shared/protocol/frames.js';
import { LARGE_FRAME_BYTES, MAX_AWARENESS_STATE_CHARS, MAX_SEND_BUFFER_BYTES, MAX_USER_SEND_BYTES, RESET_COST_BYTES } from '#shared/protocol/limits.js';
import type { RateBudget } from './RateBudget.js';
import type { Room, RoomPeer } from './Room.js';
import type { PeerEnd, Refusal } from './roomOutcomes.js';
import type { Logger, PeerIdentity, PeerSocket } from './types.js';

/** Thrown inside frame handling to close only this socket with a named code. */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The close code for each reason a room refuses an update. */
const CLOSE_FOR: Record<Refusal, number> = {
  owner: CloseCode.ClientIdTaken,
  shape: CloseCode.DocumentShape,
  rule: CloseCode.ForbiddenChange,
  readOnly: CloseCode.ReadOnlyDocument,
  unapplicable: CloseCode.BadMessage,
  outOfOrder: CloseCode.OutOfOrder,
  quota: CloseCode.JournalFull,
};

/**
 * One socket in one room: a thin adapter between the socket and the `Room`
 * that owns the document. It decodes frames, applies this socket's and this
 * person's limits (rate budget, unsent bytes, awareness size), hands decoded
 * messages to the room in order, sends what the room gives it, and closes the
 * socket with the code that matches what the room answered. Frames are
 * handled only after the room's stored state is loaded (and while it is not
 * resetting): a client is never answered from a half-loaded document.
 */
export class Connection implements RoomPeer {
  private chain: Promise<void>;
  private closed = false;
  /** Set when the relay itself closes the socket (bad input, removal): queued frames are dropped. */
  private discardPending = false;
  private warnedAwareness = false;

  constructor(
    readonly identity: PeerIdentity,
    readonly room: Room,
    private readonly socket: PeerSocket,
    private readonly log: Logger,
    private readonly onClose: (connection: Connection) => void,
    /** The sender's budget (null: no limit), and the bytes queued unsent on all the sender's sockets. */
    private readonly rate: { budget: RateBudget | null; now: () => number; queuedForUser: () => number },
  ) {
    this.chain = room.join(this);
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
    if (this.discardPending || this.room.isDropped) return;
    // A peer that hung up right after typing still had its words received: store them,
    // but answer nothing and publish no awareness for a socket that is gone.
    if (this.closed && frame.type !== 'update' && frame.type !== 'syncStep2') return;
    try {
      this.handle(frame);
    } catch (error) {
      this.reject(error);
    }
  }

  private handle(frame: ClientFrame): void {
    switch (frame.type) {
      case 'syncStep1': {
        try {
          Y.decodeStateVector(frame.stateVector);
        } catch {
          throw new ProtocolError(CloseCode.BadMessage, 'malformed state vector');
        }
        this.room.syncReply(this, frame.stateVector.slice());
        return;
      }
      case 'syncStep2':
      case 'update': {
        const outcome = this.room.receiveUpdate(this, frame.update);
        if (outcome.kind === 'refused') this.end(outcome);
        return;
      }
      case 'awareness':
        this.applyAwareness(frame.update);
        return;
      case 'queryAwareness':
        this.room.sendAwareness(this);
        return;
      case 'flushRequest':
        this.room.confirmWhenStored(this, frame.nonce);
        return;
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

  sendEncoded(encode: () => Uint8Array): void {
    if (this.closed) return;
    // Refused before the document is encoded: a copy is what costs memory.
    if (this.rate.queuedForUser() >= MAX_USER_SEND_BYTES) this.close(CloseCode.SlowConsumer, 'too much unread data on your connections; retry later');
    else this.send(encode());
  }

  /** The room let this peer go: close the socket with the code that says why. */
  end(why: PeerEnd): void {
    switch (why.kind) {
      case 'refused':
        // A refusal that made the room reload costs the sender a share of their budget, so that
        // nobody can keep a room reloading by reconnecting and sending such updates again.
        if (why.reset) this.rate.budget?.take(RESET_COST_BYTES, this.rate.now());
        this.reject(new ProtocolError(CLOSE_FOR[why.refusal], why.reason));
        return;
      case 'notStored':
        // Not stored, so relayed to nobody. The client still holds the change and sends it again.
        this.close(CloseCode.StorageUnavailable, 'could not store your changes; retry later');
        return;
      case 'unconfirmed':
        this.close(CloseCode.StorageUnavailable, 'could not store recent changes; retry later');
        return;
      case 'loadFailed':
        this.close(CloseCode.StorageUnavailable, 'document could not be loaded; retry later');
        return;
      case 'roomDropped':
        this.close(CloseCode.RoomReset, 'the document had to be reloaded; reconnect to sync');
        return;
    }
  }

  /** Closes the socket (if still open) and leaves the room. Safe to call twice. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.discardPending = true;
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
    // Updates already queued are still handed to the room (and stored); anything it held goes.
    this.onClose(this);
  }

  private reject(error: unknown): void {
    const code = error instanceof ProtocolError ? error.code : CloseCode.BadMessage;
    const reason = error instanceof Error ? error.message : String(error);
    this.log.warn('closing socket after bad input', { room: this.room.name, user: this.identity.userId, code, reason });
    this.close(code, reason);
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
    const refusedCount = this.room.applyAwareness(this, entries);
    if (refusedCount > 0 && !this.warnedAwareness) {
      this.warnedAwareness = true;
      this.log.warn('ignored awareness entries that belong to another user', { room: this.room.name, user: this.identity.userId });
    }
  }
}

/** The WebSocket spec allows 123 bytes of close reason; `ws` throws beyond that. */
function closeReason(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > 120) text = text.slice(0, -1);
  return text;
}
