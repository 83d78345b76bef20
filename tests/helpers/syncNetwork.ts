import { DOCUMENTS } from '#shared/documents/registry.js';
import { COLLAB_PATH_PREFIX } from '#shared/protocol/rooms.js';
import { SocketState, type OpenSocket, type SocketCloseEvent, type SocketLike, type SocketMessageEvent } from '../../client/src/sync/ports.js';
import type { Relay } from '../../server/relay/Relay.js';
import type { PeerSocket } from '../../server/relay/types.js';

/** Who a tab is to the relay. */
export interface NetUser {
  userId: string;
  userName: string;
}

type ServerConnection = ReturnType<Relay['connect']>;

/** What travels from the relay to a client, in order. */
type DownEvent = { kind: 'message'; data: Uint8Array } | { kind: 'close'; code: number; reason: string };

/** One step the network can take next. */
interface Step {
  link: Link;
  run(): void;
}

/** A tab's end of the network: its sockets and whether it is still alive. */
export interface NetTab {
  readonly id: string;
  readonly user: NetUser;
  /** False for a tab whose page died: its sockets never open. */
  alive: boolean;
  /** Whether this tab's device has a network. */
  online: () => boolean;
}

/**
 * One WebSocket connection between a tab and the relay. Each direction is a
 * FIFO queue, as a real connection is ordered; the network decides which
 * queue moves next. Frames are delivered only when the test runs a step.
 */
export class Link {
  readonly up: Uint8Array[] = [];
  readonly down: DownEvent[] = [];
  /** 'connecting': the upgrade has not reached the relay yet. */
  phase: 'connecting' | 'open' | 'closed' = 'connecting';
  server: ServerConnection | null = null;
  /** The client closed it: frames it sent before still reach the relay, then the relay hears the close. */
  clientClosed = false;
  serverClosed = false;
  readonly client: ClientSocket;

  constructor(
    readonly id: number,
    readonly tab: NetTab,
    readonly room: string,
  ) {
    this.client = new ClientSocket(this);
  }
}

/** The client side of a Link, as the engine's RoomSocket sees it. */
export class ClientSocket implements SocketLike {
  binaryType = 'arraybuffer';
  readyState: number = SocketState.Connecting;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: SocketMessageEvent) => void) | null = null;
  onclose: ((event: SocketCloseEvent) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(private readonly link: Link) {}

  send(data: Uint8Array): void {
    if (this.readyState !== SocketState.Open) throw new Error('send on a socket that is not open');
    this.link.up.push(data.slice());
  }

  close(): void {
    if (this.readyState === SocketState.Closed) return;
    this.readyState = SocketState.Closed;
    this.link.clientClosed = true;
    // The client reads nothing more.
    this.link.down.length = 0;
    this.link.phase = 'closed';
  }
}

/**
 * A deterministic network between sync engines and a real Relay, in the
 * manner of yjs's TestConnector and tldraw's TestSocketPair: nothing moves
 * until the test (or a seeded random choice) runs a step. Steps of one
 * connection and direction keep their order, as a WebSocket does; different
 * connections and directions interleave in any order. A drop is a lost
 * connection: both ends hear it, and what was in flight is gone.
 */
export class SyncNetwork {
  links: Link[] = [];
  /** Every socket ever opened, in order, as `<tab id> <room>` (background sync order checks). */
  readonly opened: string[] = [];
  private nextId = 1;

  constructor(
    private readonly relay: Relay,
    private readonly random: () => number,
  ) {}

  /** The OpenSocket for one tab. */
  opener(tab: NetTab): OpenSocket {
    return (url) => {
      const at = url.indexOf(COLLAB_PATH_PREFIX);
      if (at < 0) throw new Error(`not a relay URL: ${url}`);
      const link = new Link(this.nextId++, tab, url.slice(at + COLLAB_PATH_PREFIX.length));
      this.links.push(link);
      this.opened.push(`${tab.id} ${link.room}`);
      return link.client;
    };
  }

  /** Links still doing something. */
  live(): Link[] {
    return this.links.filter((link) => link.phase !== 'closed' || link.up.length > 0 || link.down.length > 0);
  }

  /** What can happen next, across every link. */
  steps(): Step[] {
    const steps: Step[] = [];
    this.links = this.links.filter((link) => !(link.phase === 'closed' && link.up.length === 0 && link.down.length === 0 && (link.server === null || link.serverClosed)));
    for (const link of this.links) {
      if (link.phase === 'connecting') {
        if (link.tab.alive) steps.push({ link, run: () => this.accept(link) });
        continue;
      }
      if (link.up.length > 0) steps.push({ link, run: () => this.deliverUp(link) });
      else if (link.clientClosed && link.server && !link.serverClosed) steps.push({ link, run: () => this.serverHearsClose(link) });
      if (link.down.length > 0) steps.push({ link, run: () => this.deliverDown(link) });
    }
    return steps;
  }

  /** Runs one step chosen by the seeded random; false when nothing can move. */
  step(): boolean {
    const steps = this.steps();
    if (steps.length === 0) return false;
    steps[Math.floor(this.random() * steps.length)].run();
    return true;
  }

  /** The connection is lost: both ends hear it, whatever was in flight is gone. */
  cut(link: Link): void {
    if (link.phase === 'closed' && (link.server === null || link.serverClosed)) return;
    link.up.length = 0;
    link.down.length = 0;
    if (link.server && !link.serverClosed) {
      link.serverClosed = true;
      link.server.socketClosed();
    }
    const wasOpen = link.phase !== 'closed' && !link.clientClosed;
    link.phase = 'closed';
    if (wasOpen) link.down.push({ kind: 'close', code: 1006, reason: 'connection lost' });
  }

  /** Cuts every connection of `tab`. */
  cutTab(tab: NetTab): void {
    for (const link of this.links) if (link.tab === tab) this.cut(link);
  }

  private accept(link: Link): void {
    if (!link.tab.online() || link.clientClosed) {
      // No network: the attempt fails as a browser's does.
      link.phase = 'closed';
      if (!link.clientClosed) link.down.push({ kind: 'close', code: 1006, reason: 'no network' });
      return;
    }
    link.phase = 'open';
    const ref = DOCUMENTS.parse(link.room);
    const socket: PeerSocket = {
      send: (data) => {
        if (!link.serverClosed && !link.clientClosed) link.down.push({ kind: 'message', data: data.slice() });
      },
      close: (code, reason) => {
        if (link.serverClosed) return;
        link.serverClosed = true;
        link.up.length = 0;
        if (!link.clientClosed) link.down.push({ kind: 'close', code, reason });
        // The relay's own close also ends the connection on its side.
        queueMicrotask(() => link.server?.socketClosed());
      },
      bufferedAmount: 0,
    };
    link.client.readyState = SocketState.Open;
    link.server = this.relay.connect(link.room, socket, {
      userId: link.tab.user.userId,
      userName: link.tab.user.userName,
      sessionId: `session-${link.tab.user.userId}`,
      journalId: ref?.journalId ?? 'unknown',
    });
    link.client.onopen?.({});
  }

  private deliverUp(link: Link): void {
    const frame = link.up.shift();
    if (process.env.DUET_SYNC_NET_TRACE && frame) console.log(`up ${link.id} ${link.tab.id} [${frame.slice(0, 3).join(',')}] len ${frame.length} ${link.serverClosed ? 'DROPPED' : ''}`);
    if (frame && link.server && !link.serverClosed) link.server.receive(frame);
  }

  private serverHearsClose(link: Link): void {
    link.serverClosed = true;
    link.server?.socketClosed();
  }

  private deliverDown(link: Link): void {
    const event = link.down.shift();
    if (process.env.DUET_SYNC_NET_TRACE && event) console.log(`down ${link.id} ${link.tab.id} ${event.kind === 'message' ? `[${event.data.slice(0, 3).join(',')}] len ${event.data.length}` : `close ${event.code}`}`);
    if (!event || link.client.readyState === SocketState.Closed) return;
    if (event.kind === 'message') {
      const data = event.data;
      const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
      link.client.onmessage?.({ data: buffer });
    } else {
      link.client.readyState = SocketState.Closed;
      link.phase = 'closed';
      link.client.onclose?.({ code: event.code, reason: event.reason });
    }
  }
}
