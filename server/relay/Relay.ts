import type { DocumentRule } from '#shared/documents/DocumentKind.js';
import type { DocumentShape } from '#shared/documents/documentShape.js';
import { ENTRY_SHAPE } from '#shared/documents/entry.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import type * as Y from 'yjs';
import type { DocStore } from '../storage/DocStore.js';
import { type RateLimits, USER_RATE } from '#shared/protocol/limits.js';
import { Connection } from './Connection.js';
import { RateBudget } from './RateBudget.js';
import { Room } from './Room.js';
import { type Logger, type PeerIdentity, type PeerSocket, silentLogger } from './types.js';
import { WriteBatcher } from './WriteBatcher.js';
import { type JournalQuota, JournalUsage } from './JournalUsage.js';

/** For rooms of no known kind (tests, tools): an entry's bounds, with any kind of nested type. */
export const GENERIC_SHAPE: DocumentShape = {
  ...ENTRY_SHAPE,
  nestedKinds: new Set(['map', 'array', 'text', 'xmlElement', 'xmlText', 'xmlFragment', 'xmlHook']),
};

export interface RelayOptions {
  store: DocStore;
  log?: Logger;
  /** Merge a document's update log into a snapshot once it holds this many updates. */
  compactEvery?: number;
  /** Rooms only the server writes (through `change`); clients may read them. */
  readOnly?: (roomName: string) => boolean;
  /** Rooms only one member writes (the user id), though others may read them; null: any member. */
  onlyWriter?: (roomName: string) => string | null;
  /** Rooms with an only writer whose readers may still send formatting, judged by the room's rule (a comment mark on an answer). */
  othersMayFormat?: (roomName: string) => boolean;
  /** What clients' updates may change in a room, beyond applying cleanly (null: anything). */
  rules?: (roomName: string) => DocumentRule | null;
  /** The structure a room's document may have (defaults to GENERIC_SHAPE). */
  shapes?: (roomName: string) => DocumentShape;
  /** How much one person may send over all their sockets (defaults to USER_RATE; null: no limit). */
  rate?: RateLimits | null;
  /** The journal a room belongs to, for storage quotas (null: none). */
  journalOf?: (roomName: string) => string | null;
  /** What one journal may store (null or absent: no quota). */
  quota?: JournalQuota | null;
  /** Milliseconds on a monotonic clock, for the rate budget; tests pass their own. */
  now?: () => number;
  /**
   * Told after each change to a room is stored (a member's update or a server
   * change), with the room's document as it is now: for what follows the words
   * on the server (the search index, which photos an entry shows). Called on
   * the hot path: note the room and do the work later.
   */
  onStored?: (roomName: string, doc: Y.Doc) => void;
}

/**
 * The rooms of one relay process. Knows nothing of HTTP, WebSockets or files:
 * the transport hands it sockets with an identity already checked, and it
 * reaches storage only through `DocStore`.
 */
export class Relay {
  private readonly rooms = new Map<string, Room>();
  private readonly connections = new Set<Connection>();
  /** Each user's open connections, to bound what the relay holds unsent for one person. */
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly batcher: WriteBatcher;
  private readonly store: DocStore;
  private readonly log: Logger;
  private readonly compactEvery: number;
  private readonly readOnly: (roomName: string) => boolean;
  private readonly onlyWriter: (roomName: string) => string | null;
  private readonly othersMayFormat: (roomName: string) => boolean;
  private readonly rules: (roomName: string) => DocumentRule | null;
  private readonly shapes: (roomName: string) => DocumentShape;
  private readonly journalOf: (roomName: string) => string | null;
  private readonly quota: JournalQuota | null;
  private readonly usages = new Map<string, JournalUsage>();
  private readonly rate: RateLimits | null;
  /** Per user, kept across reconnects: a closed socket coming back finds its budget as it left it. */
  private readonly budgets = new Map<string, RateBudget>();
  private readonly now: () => number;
  private readonly onStored: ((roomName: string, doc: Y.Doc) => void) | undefined;
  private stopping = false;

  constructor(options: RelayOptions) {
    this.store = options.store;
    this.log = options.log ?? silentLogger;
    this.compactEvery = options.compactEvery ?? 500;
    this.readOnly = options.readOnly ?? (() => false);
    this.onlyWriter = options.onlyWriter ?? (() => null);
    this.othersMayFormat = options.othersMayFormat ?? (() => false);
    this.rules = options.rules ?? (() => null);
    this.onStored = options.onStored;
    this.shapes = options.shapes ?? (() => GENERIC_SHAPE);
    this.journalOf = options.journalOf ?? (() => null);
    this.quota = options.quota ?? null;
    this.rate = options.rate === undefined ? USER_RATE : options.rate;
    this.now = options.now ?? (() => performance.now());
    this.batcher = new WriteBatcher(this.store);
  }

  /** Opens a connection to a room, loading the room if this is its first peer. */
  connect(roomName: string, socket: PeerSocket, identity: PeerIdentity): Connection {
    if (this.stopping) {
      socket.close(CloseCode.ServiceRestart, 'relay is restarting');
      throw new Error('relay is shutting down');
    }
    const room = this.roomFor(roomName);
    let budget = this.budgets.get(identity.userId) ?? null;
    if (!budget && this.rate) {
      budget = new RateBudget(this.rate, this.now());
      this.budgets.set(identity.userId, budget);
    }
    let mine = this.byUser.get(identity.userId);
    if (!mine) this.byUser.set(identity.userId, (mine = new Set()));
    const userConnections = mine;
    const connection = new Connection(identity, room, socket, this.log, (c) => this.detach(c), {
      budget,
      now: this.now,
      queuedForUser: () => {
        if (!this.rate) return 0;
        let bytes = 0;
        for (const c of userConnections) bytes += c.bufferedAmount;
        return bytes;
      },
    });
    this.connections.add(connection);
    userConnections.add(connection);
    return connection;
  }

  /**
   * Changes a document on the server's own authority (comments, written after
   * the API has checked who may do what): loads the room if needed and runs
   * `change` through the room's one write pipeline (`Room.change`). Resolves
   * with what `change` returned once it is stored and relayed to every peer.
   */
  async change<T>(roomName: string, change: (doc: Y.Doc) => T): Promise<T> {
    if (this.stopping) throw new Error('relay is shutting down');
    const room = this.roomFor(roomName);
    try {
      return await room.change(change);
    } finally {
      this.unloadIfIdle(room);
    }
  }

  /** Closes every connection that matches, e.g. a removed member's or a revoked session's. */
  disconnectWhere(match: (identity: PeerIdentity) => boolean, code: number, reason: string): number {
    let count = 0;
    for (const connection of [...this.connections]) {
      if (!match(connection.identity)) continue;
      connection.close(code, reason);
      count++;
    }
    return count;
  }

  /** A person changed their name: their open sockets take it at once (the presence stamped, rules that check names). */
  renameUser(userId: string, name: string): void {
    for (const connection of this.byUser.get(userId) ?? []) connection.identity.userName = name;
  }

  /** Compacts a document now (see Room.compactNow), so what was overwritten in it leaves storage. */
  async compactNow(roomName: string): Promise<void> {
    const room = this.roomFor(roomName);
    try {
      await room.compactNow();
    } finally {
      this.unloadIfIdle(room);
    }
  }

  /**
   * Closes every socket on a room `match` names, and resolves once each such room has written
   * what it accepted and is unloaded, so storage may then remove those documents.
   */
  async unloadWhere(match: (roomName: string) => boolean, code: number, reason: string): Promise<void> {
    for (;;) {
      for (const connection of [...this.connections]) if (match(connection.room.name)) connection.close(code, reason);
      const loaded = [...this.rooms.values()].filter((room) => match(room.name));
      if (loaded.length === 0) return;
      for (const room of loaded) this.unloadIfIdle(room);
      await Promise.all(loaded.map((room) => room.settled()));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Closes every socket with 1012 (so no new frames arrive), then waits until
   * every update already received is durable.
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const connection of [...this.connections]) connection.close(CloseCode.ServiceRestart, 'relay is restarting');
    await this.batcher.drain();
    await Promise.all([...this.rooms.values()].map((room) => room.settled()));
  }

  get stats(): { rooms: number; connections: number } {
    return { rooms: this.rooms.size, connections: this.connections.size };
  }

  /** Resolves when every room is unloaded; for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.rooms.size > 0) {
      await Promise.all([...this.rooms.values()].map((room) => room.settled()));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** False when the relay runs without per-person limits (load tests that drive many clients as one account). */
  get limitsPerPerson(): boolean {
    return this.rate !== null;
  }

  /** How many sockets a user has open, for the transport's per-person cap. */
  connectionsOf(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  private detach(connection: Connection): void {
    this.connections.delete(connection);
    const mine = this.byUser.get(connection.identity.userId);
    mine?.delete(connection);
    if (mine?.size === 0) this.byUser.delete(connection.identity.userId);
    connection.room.leave(connection);
    this.unloadIfIdle(connection.room);
  }

  /** The room of that name, loading it if it is not loaded (or was dropped). */
  private roomFor(roomName: string): Room {
    const existing = this.rooms.get(roomName);
    if (existing && !existing.isDropped) return existing;
    const room = new Room({
      name: roomName,
      store: this.store,
      write: (doc, update, owners, base) => this.batcher.write(doc, update, owners, base),
      log: this.log,
      compactEvery: this.compactEvery,
      shape: this.shapes(roomName),
      readOnly: this.readOnly(roomName),
      onlyWriter: this.onlyWriter(roomName),
      othersMayFormat: this.othersMayFormat(roomName),
      rule: this.rules(roomName),
      usage: this.usageFor(roomName),
      onDropped: (dropped) => this.drop(dropped),
      onStored: this.onStored,
    });
    this.rooms.set(roomName, room);
    // A failed load must not be cached: the next peer tries again.
    room.loaded.catch(() => {
      if (this.rooms.get(roomName) === room) this.forget(room);
    });
    return room;
  }

  /**
   * Forgets a room that could not reload its document from storage. The room
   * lets its peers go itself (RoomReset, retryable): clients come back to a
   * room loaded afresh, and sync their own changes into it.
   */
  private drop(room: Room): void {
    if (this.rooms.get(room.name) === room) this.forget(room);
    void room.settled().then(() => room.destroy());
  }

  private usageFor(roomName: string): JournalUsage | null {
    const journalId = this.quota ? this.journalOf(roomName) : null;
    if (!journalId || !this.quota) return null;
    let usage = this.usages.get(journalId);
    if (!usage) this.usages.set(journalId, (usage = new JournalUsage(this.store, journalId, this.quota)));
    usage.rooms++;
    // A usage that failed to load is not kept: the next room reads it again.
    usage.ready.catch(() => this.usages.get(journalId) === usage && this.usages.delete(journalId));
    return usage;
  }

  /** Removes a room from the relay's maps; its journal's usage is read afresh once no room of it is loaded. */
  private forget(room: Room): void {
    this.rooms.delete(room.name);
    const usage = room.usage;
    if (usage && --usage.rooms === 0 && this.usages.get(usage.journalId) === usage) this.usages.delete(usage.journalId);
  }

  private unloadIfIdle(room: Room): void {
    if (!room.idle) return;
    // Flush first: memory comes back only once nothing of the room is unwritten.
    void room.settled().then(() => {
      if (!room.idle || this.rooms.get(room.name) !== room) return;
      this.forget(room);
      room.destroy();
    });
  }
}
