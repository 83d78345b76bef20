import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocumentRule } from '#shared/documents/DocumentKind.js';
import { CloseCode, permanentCloseCodes } from '#shared/protocol/closeCodes.js';
import { DUET_MESSAGE_TYPE, writeFlushRequest } from '#shared/protocol/flushAck.js';
import { writeSyncStep1, writeUpdate } from '#shared/protocol/frames.js';
import { MessageType, SyncStep } from '#shared/protocol/messageTypes.js';
import type { Connection } from '../../server/relay/Connection.js';
import { Relay } from '../../server/relay/Relay.js';
import type { PeerSocket } from '../../server/relay/types.js';
import { FakeSocket, GatedStore, deferred } from '../helpers/fakePeers.js';

/**
 * What the other peers of a room see when someone's refused update makes the
 * room reload from storage: nothing but a new sync step 1 on their open
 * socket when the reload works; RoomReset (4205, retryable by any client)
 * when it does not. Never 4503, which would tell them their own changes
 * could not be stored.
 */
const ROOM = 'journal001/entry-entry0001';
const identity = (userId: string) => ({ userId, userName: userId.toUpperCase(), sessionId: `s-${userId}`, journalId: 'journal001' });
const turn = () => new Promise((resolve) => setImmediate(resolve));
const textOf = (doc: Y.Doc) => doc.getText('t').toString();

/** Mallory's changes to the replies are refused after they are applied, so the room must reload. */
const rule: DocumentRule = {
  watch: (doc) => [doc.getMap('replies')],
  check: (_events, _doc, sender) => (sender.userId === 'mallory' ? 'not yours to change' : null),
};

function forged(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('replies').set('r1', 'forged');
  return writeUpdate(Y.encodeStateAsUpdate(doc));
}

function type(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const firstVarUints = (frame: Uint8Array, n: number) => {
  const d = decoding.createDecoder(frame);
  return Array.from({ length: n }, () => (decoding.hasContent(d) ? decoding.readVarUint(d) : -1));
};
const syncStep1s = (socket: FakeSocket) =>
  socket.sent.filter((frame) => {
    const [type, step] = firstVarUints(frame, 2);
    return type === MessageType.Sync && step === SyncStep.Step1;
  }).length;
const acks = (socket: FakeSocket) => socket.sent.filter((frame) => firstVarUints(frame, 1)[0] === DUET_MESSAGE_TYPE).length;

/**
 * A WebSocket for the stock y-websocket provider that talks to an in-process
 * relay, as the transport would: frames go both ways on later turns, and a
 * close from either side reaches the other.
 */
function bridgeTo(relay: Relay, room: string, userId: string) {
  const opened: BridgeSocket[] = [];
  class BridgeSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    binaryType = 'arraybuffer';
    readyState = 0;
    onopen: (() => void) | null = null;
    onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
    onclose: ((event: { code: number; reason: string }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    private readonly connection: Connection;

    constructor() {
      opened.push(this);
      const peer: PeerSocket = {
        send: (data) => {
          const copy = data.slice().buffer;
          setImmediate(() => this.onmessage?.({ data: copy }));
        },
        close: (code, reason) => {
          this.readyState = BridgeSocket.CLOSED;
          setImmediate(() => this.onclose?.({ code, reason }));
        },
        bufferedAmount: 0,
      };
      this.connection = relay.connect(room, peer, identity(userId));
      setImmediate(() => {
        if (this.readyState !== BridgeSocket.CONNECTING) return;
        this.readyState = BridgeSocket.OPEN;
        this.onopen?.();
      });
    }

    send(data: ArrayBuffer | Uint8Array): void {
      this.connection.receive(data instanceof Uint8Array ? data : new Uint8Array(data));
    }

    close(): void {
      if (this.readyState === BridgeSocket.CLOSED) return;
      this.readyState = BridgeSocket.CLOSED;
      this.connection.socketClosed();
    }
  }
  return { WebSocketPolyfill: BridgeSocket as unknown as typeof WebSocket, opened };
}

/** Resolves the next time `provider` emits 'sync' with true. */
const nextSync = (provider: WebsocketProvider) =>
  new Promise<void>((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });

describe('relay: a room reloaded because of someone else’s refused update', () => {
  let store: GatedStore;
  let relay: Relay;

  beforeEach(() => {
    store = new GatedStore();
    relay = new Relay({ store, compactEvery: 10_000, rules: () => rule, rate: null });
  });
  afterEach(async () => {
    store.release();
    await relay.shutdown();
    await store.inner.close();
  });

  it('keeps the honest peers connected: each gets a sync step 1 on its open socket, and its confirmation', async () => {
    const adaDoc = new Y.Doc();
    const ada = new FakeSocket();
    const ben = new FakeSocket();
    const ca = relay.connect(ROOM, ada, identity('ada'));
    relay.connect(ROOM, ben, identity('ben'));
    await Promise.all([ada.until((s) => syncStep1s(s) === 1), ben.until((s) => syncStep1s(s) === 1)]);
    // Ada's keystroke is on its way to disk, with a confirmation asked for, when Mallory's update is refused.
    store.appendGate = deferred();
    ca.receive(writeUpdate(type(adaDoc, 'kept through the reload')));
    ca.receive(writeFlushRequest(1));
    await turn();
    const mallory = new FakeSocket();
    relay.connect(ROOM, mallory, identity('mallory')).receive(forged());
    await mallory.until((s) => s.closed !== null);
    expect(mallory.closed?.code).toBe(CloseCode.ForbiddenChange);
    store.appendGate.resolve();

    await Promise.all([ada.until((s) => syncStep1s(s) === 2), ben.until((s) => syncStep1s(s) === 2)]);
    await ada.until((s) => acks(s) === 1);
    await ben.until((s) => textOf(s.view()) === 'kept through the reload');
    expect(ada.closed).toBeNull();
    expect(ben.closed).toBeNull();
    expect(ben.view().getMap('replies').size).toBe(0);
  });

  it('closes the honest peers with RoomReset (retryable), not 4503, when the reload fails, and a fresh room has their words', async () => {
    const adaDoc = new Y.Doc();
    const ada = new FakeSocket();
    const ben = new FakeSocket();
    const ca = relay.connect(ROOM, ada, identity('ada'));
    relay.connect(ROOM, ben, identity('ben'));
    ca.receive(writeUpdate(type(adaDoc, 'stored before')));
    await ben.until((s) => textOf(s.view()) === 'stored before');
    store.failNextLoad = true;
    const mallory = new FakeSocket();
    relay.connect(ROOM, mallory, identity('mallory')).receive(forged());
    await Promise.all([ada.until((s) => s.closed !== null), ben.until((s) => s.closed !== null)]);
    expect(mallory.closed?.code).toBe(CloseCode.ForbiddenChange);
    expect(ada.closed?.code).toBe(CloseCode.RoomReset);
    expect(ben.closed?.code).toBe(CloseCode.RoomReset);
    expect(permanentCloseCodes.has(CloseCode.RoomReset)).toBe(false);

    const back = new FakeSocket();
    relay.connect(ROOM, back, identity('ben')).receive(writeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await back.until((s) => textOf(s.view()) === 'stored before');
    expect(back.closed).toBeNull();
  });

  it('lets the stock y-websocket provider reconnect by itself after RoomReset and sync into the fresh room', async () => {
    const { WebSocketPolyfill, opened } = bridgeTo(relay, ROOM, 'ada');
    const doc = new Y.Doc();
    const provider = new WebsocketProvider('ws://relay.invalid', ROOM, doc, { WebSocketPolyfill, disableBc: true });
    const closes: number[] = [];
    provider.on('connection-close', (event) => closes.push(event?.code ?? -1));
    try {
      await nextSync(provider);
      const reader = new FakeSocket();
      relay.connect(ROOM, reader, identity('ben'));
      doc.getText('t').insert(0, 'typed in a stock client');
      await reader.until((s) => textOf(s.view()) === 'typed in a stock client');

      store.failNextLoad = true;
      const resynced = nextSync(provider);
      const mallory = new FakeSocket();
      relay.connect(ROOM, mallory, identity('mallory')).receive(forged());
      await resynced;
      expect(closes).toEqual([CloseCode.RoomReset]);
      expect(opened).toHaveLength(2);
      expect(provider.shouldConnect).toBe(true);

      // The provider's new socket is in the fresh room: what it types now reaches a newcomer.
      doc.getText('t').insert(doc.getText('t').length, ', and after');
      const newcomer = new FakeSocket();
      relay.connect(ROOM, newcomer, identity('ben')).receive(writeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      await newcomer.until((s) => textOf(s.view()) === 'typed in a stock client, and after');
    } finally {
      provider.destroy();
    }
  });
});
