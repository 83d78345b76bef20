import * as Y from 'yjs';
import { readAwarenessUpdate, writeAwarenessUpdate } from '../../shared/protocol/awarenessUpdate.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { writeFlushed } from '../../shared/protocol/flushAck.js';
import { type ClientFrame, readClientFrame, writeAwareness, writeSyncStep1, writeSyncStep2, writeUpdate } from '../../shared/protocol/frames.js';
import { MAX_AWARENESS_STATE_CHARS, MAX_SEND_BUFFER_BYTES } from '../../shared/protocol/limits.js';
import type { RateBudget } from './RateBudget.js';
import { OUT_OF_ORDER, type Room, type RoomPeer } from './Room.js';
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

/**
 * One socket in one room. Frames are decoded as they arrive but handled in
 * order, and only after the room's stored state is loaded: a client is never
 * answered from a half-loaded document.
 */
export class Connection implements RoomPeer {
  private chain: Promise<void>;
  private closed = false;
  /** Set when the relay itself closes the socket (bad input, removal): queued frames are dropped. */
  private discardPending = false;
  private warnedAwareness = false;
  /** Settles when the latest update this socket sent is stored and relayed (or has failed). */
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(
    readonly identity: PeerIdentity,
    readonly room: Room,
    private readonly socket: PeerSocket,
    private readonly batcher: WriteBatcher,
    private readonly log: Logger,
    private readonly onClose: (connection: Connection) => void,
    /** The sender's budget (null: no limit). */
    private readonly rate: { budget: RateBudget | null; now: () => number },
  ) {
    this.chain = room.loaded.then(
      () => this.welcome(),
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
    this.chain = this.room.track(
      this.chain.then(() => {
        if (this.discardPending) return;
        // A peer that hung up right after typing still had its words received: store them,
        // but answer nothing and publish no awareness for a socket that is gone.
        if (this.closed && frame.type !== 'update' && frame.type !== 'syncStep2') return;
        try {
          this.handle(frame);
        } catch (error) {
          this.reject(error);
        }
      }),
    );
  }

  send(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > MAX_SEND_BUFFER_BYTES) {
      this.close(CloseCode.SlowConsumer, 'too far behind the room');
      return;
    }
    this.socket.send(frame);
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
    this.onClose(this);
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
        room.track(room.whenDurable().then(() => this.send(writeSyncStep2(Y.encodeStateAsUpdate(room.doc, stateVector)))));
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
      case 'flushRequest': {
        const { nonce } = frame;
        // Writes complete in order, so the last one settling means all before it are durable.
        // A failed write closes the socket, and send() after close does nothing.
        this.room.track(this.lastWrite.then(() => this.send(writeFlushed(nonce))));
        return;
      }
    }
  }

  private storeAndRelay(update: Uint8Array): void {
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new ProtocolError(CloseCode.BadMessage, 'malformed document update');
    }
    const room = this.room;
    let added: Uint8Array | null;
    let problem: string | null;
    try {
      ({ added, problem } = room.applyIncoming(update, this, this.identity));
    } catch (error) {
      // Well-formed but impossible to integrate: a crafted update. It was not
      // stored, but it may have changed the room's copy halfway.
      this.reject(new ProtocolError(CloseCode.BadMessage, 'document update does not apply'));
      room.markBroken(`a bad update from ${this.identity.userId}: ${String(error)}`);
      return;
    }
    if (problem) {
      this.reject(new ProtocolError(problem === OUT_OF_ORDER ? CloseCode.OutOfOrder : CloseCode.ForbiddenChange, problem));
      room.markBroken(`a forbidden change from ${this.identity.userId}: ${problem}`);
      return;
    }
    if (!added) return;
    if (room.readOnly) {
      // Applied already, so the room's copy is no longer what is stored: reload it.
      this.reject(new ProtocolError(CloseCode.ReadOnlyDocument, 'this document is written by the server only'));
      room.markBroken(`a write to a read-only document from ${this.identity.userId}`);
      return;
    }
    room.writeStarted();
    const stored = added;
    const frame = writeUpdate(stored);
    this.lastWrite = room.track(
      this.batcher.write(room.name, stored).then(
        (seq) => room.writeSucceeded(seq, this, frame),
        (error) => {
          // Not stored, so relayed to nobody; every client still holds its own
          // changes and sends them again when it reconnects and syncs.
          this.log.error('could not store an update', { room: room.name, error: String(error) });
          room.writeFailed();
        },
      ),
    );
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
    const { accepted, refused } = this.room.awareness.apply(this, this.identity.userId, entries);
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
