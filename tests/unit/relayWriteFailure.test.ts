import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { DUET_MESSAGE_TYPE, writeFlushRequest } from '#shared/protocol/flushAck.js';
import { writeSyncStep2, writeUpdate } from '#shared/protocol/frames.js';
import { MessageType, SyncStep } from '#shared/protocol/messageTypes.js';
import { Relay } from '../../server/relay/Relay.js';
import { WriteBatcher, WriteWithdrawn } from '../../server/relay/WriteBatcher.js';
import type { PendingUpdate } from '../../server/storage/DocStore.js';
import { FakeSocket, GatedStore, deferred } from '../helpers/fakePeers.js';

/**
 * A write that fails must take with it every later write of its document
 * that was applied on top of it: storing one of those would leave storage
 * with an update whose base it lacks, which no reload can integrate (found by
 * the sync fuzz, seed 878). Those writes are withdrawn before they reach
 * storage, their senders are told to resend (4503), and no confirmation
 * covers them.
 */
const ROOM = 'journal001/entry-entry0001';
const OTHER_ROOM = 'journal001/entry-entry0002';
const identity = (userId: string) => ({ userId, userName: userId.toUpperCase(), sessionId: `s-${userId}`, journalId: 'journal001' });
const turn = () => new Promise((resolve) => setImmediate(resolve));
const textOf = (doc: Y.Doc) => doc.getText('t').toString();
const syncStep1s = (socket: FakeSocket) =>
  socket.sent.filter((f) => {
    const d = decoding.createDecoder(f);
    return decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === SyncStep.Step1;
  }).length;
const acks = (socket: FakeSocket) => socket.sent.filter((f) => decoding.readVarUint(decoding.createDecoder(f)) === DUET_MESSAGE_TYPE).length;

/** Appends `text` to the doc's "t" and returns just that change. */
function type(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Lets the relay run, turn by turn, until `predicate` holds (it waits on storage, which the test holds). */
async function turnsUntil(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !predicate(); i++) await turn();
  if (!predicate()) throw new Error(`${what} did not happen`);
}

/** What storage holds of the room, read as a reload would, and whether all of it integrates. */
async function storedDoc(store: GatedStore, room = ROOM): Promise<{ doc: Y.Doc; complete: boolean }> {
  const stored = await store.inner.loadDoc(room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return { doc, complete: doc.store.pendingStructs === null && doc.store.pendingDs === null };
}

describe('a failed write and the writes that build on it', () => {
  let store: GatedStore;
  let relay: Relay;

  beforeEach(() => {
    store = new GatedStore();
    relay = new Relay({ store });
  });
  afterEach(async () => {
    store.release();
    await relay.shutdown();
    await store.inner.close();
  });

  it('stores none of the later updates applied on top of a failed write, and confirms none of them', async () => {
    const ada = new FakeSocket();
    const ben = new FakeSocket();
    const adaConnection = relay.connect(ROOM, ada, identity('ada'));
    relay.connect(ROOM, ben, identity('ben'));
    await ben.until((s) => s.sent.length > 0);
    const adaDoc = new Y.Doc();

    // Her first words go to storage in a batch of their own, which will fail...
    store.appendGate = deferred();
    store.failNextAppend = true;
    adaConnection.receive(writeUpdate(type(adaDoc, 'first ')));
    await turnsUntil(() => store.appendCalls.length === 1, 'the first write');
    // ...while her next words, typed after them, and a server change wait for the next batch.
    adaConnection.receive(writeUpdate(type(adaDoc, 'second')));
    adaConnection.receive(writeFlushRequest(1));
    const serverChange = relay.change(ROOM, (doc) => doc.getText('t').insert(doc.getText('t').length, '!'));
    serverChange.catch(() => {});
    await turn();
    await turn();
    expect(store.appendCalls).toHaveLength(1);

    store.appendGate.resolve();
    await ada.until((s) => s.closed !== null);
    expect(ada.closed?.code).toBe(CloseCode.StorageUnavailable);
    await expect(serverChange).rejects.toThrow();
    // The room reloads from storage and asks Ben to sync.
    await ben.until((s) => syncStep1s(s) === 2);

    // Storage holds nothing that cannot be integrated, and nobody was told or sent otherwise.
    const afterFailure = await storedDoc(store);
    expect(afterFailure.complete).toBe(true);
    expect(textOf(afterFailure.doc)).toBe('');
    expect(acks(ada)).toBe(0);
    expect(textOf(ben.view())).toBe('');
    expect(ben.closed).toBeNull();

    // Ada's client still has every word and sends them again when it reconnects.
    const again = new FakeSocket();
    relay.connect(ROOM, again, identity('ada')).receive(writeSyncStep2(Y.encodeStateAsUpdate(adaDoc)));
    await ben.until((s) => textOf(s.view()) === 'first second');
    const stored = await storedDoc(store);
    expect(stored.complete).toBe(true);
    expect(textOf(stored.doc)).toBe('first second');
  });

  it('withdraws a later update that a held one became once the failed write let it apply', async () => {
    // Ada's second tab sends words that continue her first tab's before the first tab's arrive: held.
    const tab1 = new FakeSocket();
    const tab2 = new FakeSocket();
    const ben = new FakeSocket();
    const first = relay.connect(ROOM, tab1, identity('ada'));
    const second = relay.connect(ROOM, tab2, identity('ada'));
    relay.connect(ROOM, ben, identity('ben'));
    await ben.until((s) => s.sent.length > 0);
    const adaDoc = new Y.Doc();
    const base = type(adaDoc, 'base ');
    const onTop = type(adaDoc, 'on top');
    const more = type(adaDoc, ' and more');

    store.appendGate = deferred();
    store.failNextAppend = true;
    second.receive(writeUpdate(more));
    await turn();
    first.receive(writeUpdate(base));
    await turnsUntil(() => store.appendCalls.length === 1, 'the first write');
    // `onTop` applies on `base` (in the room, not yet stored), and lets the held `more` apply too.
    first.receive(writeUpdate(onTop));
    await turn();
    await turn();

    store.appendGate.resolve();
    await tab1.until((s) => s.closed !== null);
    await tab2.until((s) => s.closed !== null);
    expect(tab1.closed?.code).toBe(CloseCode.StorageUnavailable);
    expect(tab2.closed?.code).toBe(CloseCode.StorageUnavailable);
    await ben.until((s) => syncStep1s(s) === 2);
    const stored = await storedDoc(store);
    expect(stored.complete).toBe(true);
    expect(textOf(stored.doc)).toBe('');
    expect(textOf(ben.view())).toBe('');
  });

  it('in the batcher: withdraws a write whose base was lost, without touching the other documents of its batch', async () => {
    const appended: PendingUpdate[][] = [];
    const gate = deferred();
    let fail = true;
    const batcher = new WriteBatcher({
      appendUpdates: async (batch) => {
        appended.push([...batch]);
        await gate.promise;
        if (fail) {
          fail = false;
          throw new Error('disk full');
        }
        return batch.map((_, i) => i + 1);
      },
    });
    const roomBase = { lost: false };
    const otherBase = { lost: false };
    const failing = batcher.write(ROOM, new Uint8Array([1]), undefined, roomBase);
    failing.catch(() => {});
    await turnsUntil(() => appended.length === 1, 'the first batch');
    const onTop = batcher.write(ROOM, new Uint8Array([2]), undefined, roomBase);
    onTop.catch(() => {});
    const elsewhere = batcher.write(OTHER_ROOM, new Uint8Array([3]), undefined, otherBase);
    // The room learns of the failure before the next batch is taken: it marks its base lost.
    void failing.catch(() => {
      roomBase.lost = true;
    });
    gate.resolve();
    await expect(failing).rejects.toThrow('disk full');
    await expect(onTop).rejects.toBeInstanceOf(WriteWithdrawn);
    await expect(elsewhere).resolves.toBe(1);
    expect(appended.map((batch) => batch.map((w) => w.doc))).toEqual([[ROOM], [OTHER_ROOM]]);
  });
});
