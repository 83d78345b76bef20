import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { DUET_MESSAGE_TYPE } from '#shared/protocol/flushAck.js';
import { ownAwarenessOnly } from './ownAwarenessOnly';
import { SocketState, type OpenSocket, type SocketCloseEvent, type SocketLike, type SocketMessageEvent } from './ports';

/** What a room learns from its sockets. */
export interface RoomSocketHooks {
  /** The Yjs client id whose awareness this room may send. */
  readonly ownClientId: number;
  opened(socket: RoomSocket): void;
  /** The socket closed, or was closed by the provider. */
  closed(socket: RoomSocket): void;
  /** A Duet frame (shared/protocol/flushAck.ts) arrived; the provider never sees these. */
  duetFrame(frame: Uint8Array): void;
}

/**
 * The socket y-websocket's provider is given (its `WebSocketPolyfill`
 * option), wrapping the real one from `OpenSocket`. It is the engine's seam
 * into the provider, so the engine needs none of the provider's private
 * fields: Duet frames are taken out before the provider reads a message, the
 * storage confirmation request goes out through `sendOwn`, and outgoing
 * awareness is narrowed to our own client (ownAwarenessOnly.ts).
 */
export class RoomSocket implements SocketLike {
  readonly CONNECTING = SocketState.Connecting;
  readonly OPEN = SocketState.Open;
  readonly CLOSING = SocketState.Closing;
  readonly CLOSED = SocketState.Closed;
  binaryType = 'arraybuffer';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: SocketMessageEvent) => void) | null = null;
  onclose: ((event: SocketCloseEvent) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private readonly inner: SocketLike;

  constructor(url: string, open: OpenSocket, private readonly hooks: RoomSocketHooks) {
    this.inner = open(url);
    this.inner.binaryType = 'arraybuffer';
    this.inner.onopen = (event) => {
      hooks.opened(this);
      this.onopen?.(event);
    };
    this.inner.onmessage = (event) => {
      if (isDuetFrame(event.data)) hooks.duetFrame(new Uint8Array(event.data));
      else this.onmessage?.(event);
    };
    this.inner.onclose = (event) => {
      hooks.closed(this);
      this.onclose?.(event);
    };
    this.inner.onerror = (event) => this.onerror?.(event);
  }

  get readyState(): number {
    return this.inner.readyState;
  }

  /** What the provider sends. */
  send(data: Uint8Array): void {
    const frame = ownAwarenessOnly(data, this.hooks.ownClientId);
    if (frame) this.inner.send(frame);
  }

  /** What the engine itself sends (the storage confirmation request). */
  sendOwn(frame: Uint8Array): void {
    if (this.inner.readyState === SocketState.Open) this.inner.send(frame);
  }

  close(code?: number, reason?: string): void {
    this.hooks.closed(this);
    this.inner.close(code, reason);
  }
}

/** The provider's `WebSocketPolyfill` option (typed as the browser's WebSocket class). */
export type SocketClass = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>;

/**
 * A class for the provider's `WebSocketPolyfill` option: the provider only
 * ever calls `new` with a URL and uses the members RoomSocket has, so the
 * cast to the browser's full WebSocket type is safe.
 */
export function roomSocketClass(open: OpenSocket, hooks: RoomSocketHooks): SocketClass {
  class BoundRoomSocket extends RoomSocket {
    constructor(url: string) {
      super(url, open, hooks);
    }
  }
  return BoundRoomSocket as unknown as SocketClass;
}

function isDuetFrame(data: ArrayBuffer): boolean {
  try {
    return decoding.readVarUint(decoding.createDecoder(new Uint8Array(data))) === DUET_MESSAGE_TYPE;
  } catch {
    return false;
  }
}
