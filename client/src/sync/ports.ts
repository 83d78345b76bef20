/**
 * Everything the sync engine needs from the world, passed in. The browser's
 * versions live in client/src/local/ (IndexedDB, localStorage, WebSocket,
 * window events); tests pass in-memory ones and a queue of socket messages.
 */

/** An opaque timer handle: the browser's is a number, Node's an object. */
export type TimerHandle = unknown;

/** Milliseconds and timers. The engine never reads the global clock. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Whether the device has a network at all (the browser's `navigator.onLine` and its events). */
export interface OnlineSignal {
  isOnline(): boolean;
  /** Called on every change of `isOnline()`. */
  subscribe(listener: () => void): () => void;
}

/** The page going away (the browser's `pagehide`): the last moment to save anything, synchronously. */
export interface PageLifecycle {
  onHide(listener: () => void): () => void;
}

/** A synchronous key-value store that outlives the page (the browser's localStorage fits). */
export interface SpillStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
  /** Calls `listener` with the key when another tab changes one (the browser's `storage` event); absent where nobody else writes. */
  subscribe?(listener: (key: string | null) => void): () => void;
}

/** The events of a socket, as the WebSocket API delivers them. */
export interface SocketMessageEvent {
  data: ArrayBuffer;
}
export interface SocketCloseEvent {
  code: number;
  reason: string;
}

/**
 * The part of the WebSocket API the engine and y-websocket's provider use.
 * The browser's WebSocket fits; so does the test network's socket.
 */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: SocketMessageEvent) => void) | null;
  onclose: ((event: SocketCloseEvent) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket to `url` (the relay's base URL plus `/<room name>`). */
export type OpenSocket = (url: string) => SocketLike;

/** The WebSocket readyState values. */
export const SocketState = { Connecting: 0, Open: 1, Closing: 2, Closed: 3 } as const;
