import { WebsocketProvider } from 'y-websocket';
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { permanentCloseCodes } from '../../../shared/protocol/closeCodes';
import { collabBaseUrl } from './collabUrl';
import { ConnectionMonitor } from './ConnectionMonitor';

/** One open collaborative document: its Y.Doc, its socket and its connection state. */
export interface CollabRoom {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  readonly connection: ConnectionMonitor;
}

interface LiveRoom extends CollabRoom {
  stopEcho: () => void;
  refs: number;
  destroyTimer: ReturnType<typeof setTimeout> | null;
}

export interface RoomRegistryOptions {
  baseUrl: () => string;
  /**
   * How long a room with no users keeps its socket. React StrictMode unmounts
   * and remounts every effect once in development, and a route change can
   * show a loading state between two pages that use the same room (the
   * timeline and an entry share the index). A grace period lets them keep one
   * provider instead of tearing a socket down and opening another, which
   * makes carets flicker (tiptap #4993). Presence is withdrawn at once.
   */
  graceMs: number;
}

/**
 * The one place that creates and destroys Y.Docs and providers. Components
 * `acquire` a room in an effect and `release` it in the cleanup; the room lives
 * while anyone holds it, so React's render cycle never decides how many
 * sockets exist.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, LiveRoom>();

  constructor(private readonly options: RoomRegistryOptions) {
    window.addEventListener('online', this.reconnectWaiting);
  }

  acquire(name: string): CollabRoom {
    const existing = this.rooms.get(name);
    if (existing) {
      existing.refs++;
      if (existing.destroyTimer !== null) {
        clearTimeout(existing.destroyTimer);
        existing.destroyTimer = null;
      }
      // Back within the grace period: reappear (fields are set again by the users of the room).
      if (existing.awareness.getLocalState() === null) existing.awareness.setLocalState({});
      return existing;
    }
    const room = this.open(name);
    this.rooms.set(name, room);
    return room;
  }

  release(name: string): void {
    const room = this.rooms.get(name);
    if (!room) return;
    room.refs--;
    if (room.refs > 0 || room.destroyTimer !== null) return;
    // Nobody is looking at this document any more: vanish from the partner's
    // view now, even though the socket lingers for the grace period.
    removeAwarenessStates(room.awareness, [room.doc.clientID], 'left');
    room.destroyTimer = setTimeout(() => {
      room.destroyTimer = null;
      if (room.refs <= 0) this.close(room);
    }, this.options.graceMs);
  }

  /** Closes every socket without forgetting the rooms (used around logout). */
  disconnectAll(): void {
    for (const room of this.rooms.values()) room.provider.disconnect();
  }

  reconnectAll(): void {
    for (const room of this.rooms.values()) if (!room.connection.isStopped) room.provider.connect();
  }

  private open(name: string): LiveRoom {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(this.options.baseUrl(), name, doc, {
      // The relay decides who may read and write. Tabs syncing with each other
      // over BroadcastChannel would keep a removed or logged-out tab editing,
      // and would make "Connected" claim more than the relay has seen.
      disableBc: true,
      // Stop on exactly the codes the relay calls permanent (the stock rule
      // would also give up on 4429 "slow consumer", which a retry can fix).
      shouldReconnect: (event) => !permanentCloseCodes.has(event.code),
      // The stock backoff has no jitter: after a relay restart every client
      // would retry in lockstep. Spreading the ceiling spreads the retries.
      maxBackoffTime: 2500 + Math.round(Math.random() * 2500),
    });
    const stopEcho = sendOnlyOwnAwareness(provider);
    const connection = new ConnectionMonitor(provider);
    // After a permanent close the provider has already stopped retrying;
    // disconnecting also drops our awareness and the pending retry timer's work.
    provider.on('closed', () => provider.disconnect());
    return { name, doc, provider, awareness: provider.awareness, connection, stopEcho, refs: 1, destroyTimer: null };
  }

  private close(room: LiveRoom): void {
    this.rooms.delete(room.name);
    room.connection.destroy();
    room.stopEcho();
    room.provider.destroy();
    room.doc.destroy();
  }

  /** Coming back online: retry now instead of waiting out the backoff. */
  private reconnectWaiting = (): void => {
    for (const room of this.rooms.values()) {
      const waiting = room.provider.shouldConnect && !room.provider.wsconnected;
      if (!waiting || room.connection.isStopped) continue;
      room.provider.disconnect();
      room.provider.connect();
    }
  };
}

export const roomRegistry = new RoomRegistry({ baseUrl: collabBaseUrl, graceMs: 3000 });

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * The stock provider forwards every awareness change to the relay, including
 * the states it has just received from the relay. The relay drops those (a
 * socket may only speak for its own client) and each echo costs a frame per
 * peer per caret move. Forward only changes to our own state.
 */
function sendOnlyOwnAwareness(provider: WebsocketProvider): () => void {
  const { awareness } = provider;
  const forward = provider._awarenessUpdateHandler;
  const own = awareness.clientID;
  const handler = (changes: AwarenessChanges, origin: unknown) => {
    const mine = [...changes.added, ...changes.updated, ...changes.removed].filter((id) => id === own);
    if (mine.length > 0) forward({ added: [], updated: mine, removed: [] }, origin);
  };
  awareness.off('update', forward);
  awareness.on('update', handler);
  return () => awareness.off('update', handler);
}
