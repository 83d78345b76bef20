import { WebsocketProvider } from 'y-websocket';
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { permanentCloseCodes } from '#shared/protocol/closeCodes.js';
import { ConnectionMonitor } from './ConnectionMonitor';
import type { DeviceStore } from './DeviceStore';
import { DocPersistence } from './DocPersistence';
import { watchDroppedText } from './droppedText';
import type { Clock, OnlineSignal, OpenSocket, TimerHandle } from './ports';
import { roomSocketClass, type RoomSocket } from './RoomSocket';
import type { SyncLedger } from './SyncLedger';
import { SyncTracker } from './SyncTracker';
import type { UnloadSpill } from './UnloadSpill';

/** One open collaborative document, as the UI sees it: never its provider or socket. */
export interface CollabRoom {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly connection: ConnectionMonitor;
  /** The device copy; `local.loaded` settles before the room connects. */
  readonly local: DocPersistence;
  /** Whether the relay has confirmed storing this device's changes. */
  readonly sync: SyncTracker;
  /** Calls `listener` each time the document completes a sync with the relay. */
  onSynced(listener: () => void): () => void;
  /**
   * Watches for words of ours that a remote change dropped before the relay
   * confirmed them (droppedText.ts). Returns a function that stops watching.
   */
  watchDroppedText(onDropped: (blocks: string[]) => void): () => void;
}

interface LiveRoom extends CollabRoom {
  readonly provider: WebsocketProvider;
  /** The socket that is open now, if any. */
  socket: RoomSocket | null;
  refs: number;
  /** Holders that show us to others (pages); background sync holds rooms without presence. */
  presenceRefs: number;
  destroyTimer: TimerHandle | null;
  /** Connect once the local copy is loaded, unless told to stay away (logout, leaving, a refusal). */
  wantsConnection: boolean;
  loaded: boolean;
  /** A refusal that no retry can fix; nothing but a new page reconnects this room. */
  refused: boolean;
  closing: boolean;
}

export interface AcquireOptions {
  /**
   * Publish our presence (awareness) in the room; true for pages, false for
   * background sync, which must not make the partner see us "here".
   */
  presence?: boolean;
}

export interface ReleaseOptions extends AcquireOptions {
  /** Close at once when nobody else holds the room (background sync), instead of after the grace period. */
  immediate?: boolean;
}

export interface RoomRegistryOptions {
  /** The relay's base URL; a room's socket goes to `<relayUrl>/<room name>`. */
  relayUrl: string;
  openSocket: OpenSocket;
  store: DeviceStore;
  spill: UnloadSpill;
  ledger: SyncLedger;
  clock: Clock;
  online: OnlineSignal;
  /**
   * How long a room with no users keeps its socket. React StrictMode unmounts
   * and remounts every effect once in development, and a route change can
   * show a loading state between two pages that use the same room (the
   * timeline and an entry share the index). A grace period lets them keep one
   * provider instead of tearing a socket down and opening another, which
   * makes carets flicker (tiptap #4993). Presence is withdrawn at once.
   */
  graceMs: number;
  /** How long a closing room waits for the relay to confirm changes it has already sent. */
  settleMs: number;
  /**
   * The ceiling of a room's reconnect backoff, asked once per room. The stock
   * backoff has no jitter: after a relay restart every client would retry in
   * lockstep. Spreading the ceiling spreads the retries.
   */
  maxBackoffMs: () => number;
  /**
   * Let tabs of one browser sync directly over BroadcastChannel (the
   * provider's own). Tabs of one browser profile share the session cookie,
   * so they are the same person with the same rights; when the relay closes
   * one with 4401/4403 it closes the others too. It overstates nothing:
   * "All changes synced" comes from the relay's own confirmation, and each
   * tab confirms its own changes. Off in tests, where engines must meet
   * through the relay.
   */
  shareAcrossTabs: boolean;
  /** A Yjs client id for each new document (default: Yjs's own random one); tests pass seeded ids. */
  clientId?: () => number;
  /** Unique per engine; see FlushChannel.nextNonce. */
  nextNonce: () => number;
}

/**
 * The one place that creates and destroys Y.Docs and providers. Holders
 * (components, background sync) `acquire` a room and `release` it; the room
 * lives while anyone holds it, so React's render cycle never decides how many
 * sockets exist.
 *
 * Opening a room: Y.Doc, then its device copy is loaded, and only then does
 * the provider connect, so the first sync already carries what was written
 * offline and the relay never sends back what this device has.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, LiveRoom>();
  /** Rooms whose local copy is still being written after they closed; a reopen loads after that. */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(private readonly options: RoomRegistryOptions) {}

  acquire(name: string, options: AcquireOptions = {}): CollabRoom {
    const presence = options.presence ?? true;
    let room = this.rooms.get(name);
    if (room && room.refs === 0 && (room.refused || !room.wantsConnection)) {
      // Left behind by a logout or a refusal and picked up again (signed in
      // anew): start over rather than reuse a room that will not reconnect.
      if (room.destroyTimer !== null) this.options.clock.clearTimeout(room.destroyTimer);
      this.close(room);
      room = undefined;
    }
    if (room) {
      room.refs++;
      if (room.destroyTimer !== null) {
        this.options.clock.clearTimeout(room.destroyTimer);
        room.destroyTimer = null;
      }
    } else {
      room = this.open(name);
      this.rooms.set(name, room);
    }
    if (presence) {
      room.presenceRefs++;
      // Fields are set again by the users of the room.
      if (room.awareness.getLocalState() === null) room.awareness.setLocalState({});
    }
    return room;
  }

  release(name: string, options: ReleaseOptions = {}): void {
    const room = this.rooms.get(name);
    if (!room) return;
    room.refs--;
    if (options.presence ?? true) {
      room.presenceRefs--;
      // Nobody is looking at this document any more: vanish from the
      // partner's view now, even though the socket may linger.
      if (room.presenceRefs <= 0) removeAwarenessStates(room.awareness, [room.doc.clientID], 'left');
    }
    if (room.refs > 0 || room.destroyTimer !== null || room.closing) return;
    if (options.immediate) {
      void this.closeWhenSettled(room);
      return;
    }
    room.destroyTimer = this.options.clock.setTimeout(() => {
      room.destroyTimer = null;
      void this.closeWhenSettled(room);
    }, this.options.graceMs);
  }

  /** Whether a room is open (held, or within its grace period). */
  isOpen(name: string): boolean {
    return this.rooms.has(name);
  }

  /**
   * True when closing the page now would leave changes the relay has not
   * confirmed and that are not already on their way: a change not yet
   * written to this device, or one in a room that is not connected (offline,
   * or the room is closed and waits for background sync). A room that is
   * connected and synced has sent its changes; they are also on the device.
   */
  hasChangesAtRisk(): boolean {
    for (const room of this.rooms.values()) if (room.local.writesPending && room.local.available) return true;
    for (const name of this.options.ledger.names()) {
      const room = this.rooms.get(name);
      // 'connected' also requires the device to be online: a socket can look
      // open for a while after the network is gone.
      if (!room || room.connection.getState().kind !== 'connected') return true;
    }
    return false;
  }

  /** Closes sockets without forgetting the rooms: around logout, or a journal being left (`prefix`). */
  disconnectAll(prefix = ''): void {
    for (const room of this.rooms.values()) {
      if (!room.name.startsWith(prefix)) continue;
      room.wantsConnection = false;
      room.provider.disconnect();
    }
  }

  reconnectAll(prefix = ''): void {
    for (const room of this.rooms.values()) {
      if (!room.name.startsWith(prefix) || room.refused) continue;
      room.wantsConnection = true;
      if (room.loaded) room.provider.connect();
    }
  }

  /**
   * The API said this session or membership is gone (401/403): stop retrying
   * every room under `prefix` (all rooms for ''). The rooms close as their
   * holders let go.
   */
  refuseAll(prefix = ''): void {
    for (const room of this.rooms.values()) {
      if (!room.name.startsWith(prefix)) continue;
      room.refused = true;
      room.wantsConnection = false;
      room.provider.disconnect();
    }
  }

  /**
   * The page is going away: copies every change not yet written to the device
   * into the spill storage, synchronously (DocPersistence.spill).
   */
  spillAll(): void {
    for (const room of this.rooms.values()) room.local.spill();
  }

  /**
   * Coming back online: connect now instead of waiting out the backoff. Rooms
   * whose socket still looks open reconnect too: a socket that lived through
   * the outage may have lost frames without noticing (the provider's own
   * watchdog takes 30 s to give up on it), while a fresh one syncs in full.
   */
  reconnectWaiting(): void {
    for (const room of this.rooms.values()) {
      if (!room.loaded || !room.wantsConnection || room.refused || room.connection.isStopped) continue;
      room.provider.disconnect();
      room.provider.connect();
    }
  }

  /** Closes every room at once (the engine is being disposed); device writes still finish. */
  closeAll(): Promise<void> {
    for (const room of [...this.rooms.values()]) {
      if (room.destroyTimer !== null) this.options.clock.clearTimeout(room.destroyTimer);
      this.close(room);
    }
    return Promise.all([...this.closing.values()]).then(() => undefined);
  }

  private open(name: string): LiveRoom {
    const { options } = this;
    const doc = new Y.Doc();
    if (options.clientId) doc.clientID = options.clientId();
    const local = new DocPersistence(name, doc, options.store, options.spill, options.clock, this.closing.get(name));
    const synced = new Set<() => void>();
    let tracker: SyncTracker | null = null;
    // Assigned just below; the hooks run only once the provider connects, after that.
    let room!: LiveRoom;
    const WebSocketPolyfill = roomSocketClass(options.openSocket, {
      ownClientId: doc.clientID,
      opened: (socket) => {
        room.socket = socket;
      },
      closed: (socket) => {
        if (room.socket === socket) room.socket = null;
      },
      duetFrame: (frame) => tracker?.receive(frame),
    });
    const provider = new WebsocketProvider(options.relayUrl, name, doc, {
      connect: false,
      WebSocketPolyfill,
      disableBc: !options.shareAcrossTabs,
      // Stop on exactly the codes the relay calls permanent (the stock rule
      // would also give up on 4429 "slow consumer", which a retry can fix).
      shouldReconnect: (event) => !permanentCloseCodes.has(event.code),
      maxBackoffTime: options.maxBackoffMs(),
    });
    // Nobody is shown until a page holds the room (background sync never is).
    provider.awareness.setLocalState(null);
    provider.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      for (const listener of [...synced]) listener();
    });
    const connection = new ConnectionMonitor(provider, options.online);
    const onSynced = (listener: () => void) => {
      synced.add(listener);
      return () => synced.delete(listener);
    };
    tracker = new SyncTracker(
      name,
      doc,
      {
        remoteOrigin: provider,
        sendWhenSynced: (frame) => {
          const socket = room.socket;
          if (!socket || !provider.wsconnected || !provider.synced) return false;
          socket.sendOwn(frame);
          return true;
        },
        onSynced,
        nextNonce: options.nextNonce,
      },
      local,
      options.ledger,
      options.clock,
    );
    const sync = tracker;
    room = {
      name,
      doc,
      provider,
      awareness: provider.awareness,
      connection,
      local,
      sync,
      onSynced,
      watchDroppedText: (onDropped) => watchDroppedText(doc, () => sync.ownConfirmedClock, onDropped),
      socket: null,
      refs: 1,
      presenceRefs: 0,
      destroyTimer: null,
      wantsConnection: true,
      loaded: false,
      refused: false,
      closing: false,
    };
    // After a permanent close the provider has already stopped retrying;
    // disconnecting also drops our awareness and the pending retry timer's work.
    provider.on('closed', () => {
      room.refused = true;
      room.wantsConnection = false;
      provider.disconnect();
    });
    void local.loaded.then(() => {
      room.loaded = true;
      if (room.wantsConnection && this.rooms.get(name) === room) provider.connect();
    });
    return room;
  }

  /** Gives a connected room a moment to hear the relay confirm what it sent, then closes it. */
  private async closeWhenSettled(room: LiveRoom): Promise<void> {
    room.closing = true;
    if (room.sync.getState() === 'unconfirmed' && room.provider.wsconnected) await room.sync.whenConfirmed(this.options.settleMs);
    room.closing = false;
    // Picked up again while waiting.
    if (room.refs > 0 || this.rooms.get(room.name) !== room) return;
    this.close(room);
  }

  private close(room: LiveRoom): void {
    this.rooms.delete(room.name);
    room.connection.destroy();
    room.sync.destroy();
    const written = room.local.destroy();
    room.provider.destroy();
    room.doc.destroy();
    const settled: Promise<void> = written.finally(() => {
      if (this.closing.get(room.name) === settled) this.closing.delete(room.name);
    });
    this.closing.set(room.name, settled);
  }
}
