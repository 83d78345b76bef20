import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { writeAwareness, writeSyncStep1, writeSyncStep2, writeUpdate } from '#shared/protocol/frames.js';
import { createEntry, entriesMap } from '#shared/documents/journalIndex.js';
import { journalIndexRule } from '../../server/relay/journalIndexRule.js';
import { GENERIC_SHAPE, Relay } from '../../server/relay/Relay.js';
import { inspectUpdate } from '../../server/relay/inspectUpdate.js';
import { FakeSocket, GatedStore, deferred } from '../helpers/fakePeers.js';
import { seededRandom } from '../helpers/seededRandom.js';

const ROOM = 'journal001/entry-entry0001';
const identity = (userId: string) => ({ userId, userName: userId.toUpperCase(), sessionId: `s-${userId}`, journalId: 'journal001' });

/** An update that inserts `text` into a fresh client's Y.Text "t". */
function textUpdate(text: string, doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const textOf = (doc: Y.Doc) => doc.getText('t').toString();

function docWith(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/**
 * A crafted update: a few bytes of a real one changed so that it still
 * decodes, but Yjs throws while integrating it, and it is not one that merely
 * seems to wait for changes that never come (those are held). The relay
 * refuses it before applying, or resets the room if Yjs gets halfway.
 * Searched with a fixed seed.
 */
function findUnapplicableUpdate(): Uint8Array {
  const source = new Y.Doc();
  source.getText('t').insert(0, 'hello world');
  source.getText('t').format(0, 2, { bold: true });
  source.getMap('m').set('a', 1);
  const base = Y.encodeStateAsUpdate(source);
  const random = seededRandom(42);
  for (let i = 0; i < 100_000; i++) {
    const bytes = base.slice();
    for (let k = 0; k < 2; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    try {
      Y.decodeUpdate(bytes);
    } catch {
      continue;
    }
    try {
      Y.applyUpdate(new Y.Doc(), bytes);
    } catch {
      if (inspectUpdate(bytes, new Y.Doc(), GENERIC_SHAPE, () => undefined, 'a', { cached: 0, recount: () => 0 }).verdict !== 'wait') return bytes;
    }
  }
  throw new Error('no crafted update found');
}
const step1 = () => writeSyncStep1(Y.encodeStateVector(new Y.Doc()));

describe('Relay', () => {
  let store: GatedStore;
  let relay: Relay;

  beforeEach(() => {
    store = new GatedStore();
    relay = new Relay({ store, compactEvery: 10 });
  });
  afterEach(async () => {
    store.release();
    await relay.shutdown();
    await store.inner.close();
  });

  it('answers no sync until the stored document is loaded, and loads it once', async () => {
    await store.inner.appendUpdates([{ doc: ROOM, update: textUpdate('stored words') }]);
    store.loadGate = deferred();
    const a = new FakeSocket();
    const b = new FakeSocket();
    relay.connect(ROOM, a, identity('a')).receive(step1());
    relay.connect(ROOM, b, identity('b')).receive(step1());
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.sent).toHaveLength(0);
    expect(b.sent).toHaveLength(0);

    store.loadGate.resolve();
    await a.until((s) => textOf(s.view()) === 'stored words');
    await b.until((s) => textOf(s.view()) === 'stored words');
    expect(store.loadCalls).toBe(1);
  });

  it('closes with a retryable code when a load fails, stores nothing, and retries on the next connection', async () => {
    store.failNextLoad = true;
    const a = new FakeSocket();
    const connection = relay.connect(ROOM, a, identity('a'));
    connection.receive(writeUpdate(textUpdate('typed while loading')));
    await a.until((s) => s.closed !== null);
    expect(a.closed?.code).toBe(CloseCode.StorageUnavailable);
    expect(store.appendCalls).toHaveLength(0);

    const b = new FakeSocket();
    relay.connect(ROOM, b, identity('b')).receive(step1());
    await b.until((s) => s.updates().length > 0);
    expect(store.loadCalls).toBe(2);
    expect(b.closed).toBeNull();
  });

  it('relays an update only after storage has made it durable', async () => {
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    relay.connect(ROOM, b, identity('b'));
    await b.until((s) => s.sent.length > 0);
    store.appendGate = deferred();
    ca.receive(writeUpdate(textUpdate('hello')));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.appendCalls).toHaveLength(1);
    expect(textOf(b.view())).toBe('');

    store.appendGate.resolve();
    await b.until((s) => textOf(s.view()) === 'hello');
    expect(textOf((await reload(store)).doc)).toBe('hello');
  });

  it('relays an update that could not be stored to nobody, tells its sender to retry, and keeps the others connected', async () => {
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    relay.connect(ROOM, b, identity('b'));
    await b.until((s) => s.sent.length > 0);
    ca.receive(writeUpdate(textUpdate('kept. ')));
    await b.until((s) => textOf(s.view()) === 'kept. ');
    const framesBefore = b.sent.length;
    store.failNextAppend = true;
    ca.receive(writeUpdate(textUpdate('lost in a full disk')));
    await a.until((s) => s.closed !== null);
    // The sender's client still holds its words and sends them again when it comes back.
    expect(a.closed?.code).toBe(CloseCode.StorageUnavailable);
    // The room reloads from storage and asks the others to sync (a sync step 1), without closing them.
    await b.until((s) => s.sent.length > framesBefore);
    expect(b.closed).toBeNull();
    expect(textOf(b.view())).toBe('kept. ');
    expect(textOf((await reload(store)).doc)).toBe('kept. ');
  });

  it('keeps a newcomer waiting until what it would be sent is durable', async () => {
    const a = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    await a.until((s) => s.sent.length > 0);
    store.appendGate = deferred();
    ca.receive(writeUpdate(textUpdate('not yet on disk')));
    const c = new FakeSocket();
    relay.connect(ROOM, c, identity('c')).receive(step1());
    await c.until((s) => s.sent.length > 0); // the relay's own sync step 1
    await new Promise((resolve) => setImmediate(resolve));
    expect(c.updates()).toHaveLength(0);
    store.appendGate.resolve();
    await c.until((s) => textOf(s.view()) === 'not yet on disk');
  });

  it('stores nothing for an update the room already has, as a reconnecting client resends', async () => {
    const a = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    await a.until((s) => s.sent.length > 0);
    const update = textUpdate('said once');
    ca.receive(writeUpdate(update));
    const b = new FakeSocket();
    const cb = relay.connect(ROOM, b, identity('b'));
    await b.until((s) => textOf(s.view()) === 'said once');
    const writes = store.appendCalls.flat().length;
    cb.receive(writeSyncStep2(update));
    ca.receive(writeUpdate(update));
    ca.receive(writeUpdate(textUpdate(' and more', docWith(update))));
    await b.until((s) => textOf(s.view()) === 'said once and more');
    expect(store.appendCalls.flat().length).toBe(writes + 1);
  });

  it('closes the sender of an update that decodes but cannot be applied, and keeps the others connected', async () => {
    const crafted = findUnapplicableUpdate();
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    const cb = relay.connect(ROOM, b, identity('b'));
    const bensDoc = new Y.Doc();
    cb.receive(writeUpdate(textUpdate('honest words', bensDoc)));
    await a.until((s) => textOf(s.view()) === 'honest words');
    ca.receive(writeUpdate(crafted));
    await a.until((s) => s.closed !== null);
    expect([CloseCode.BadMessage, CloseCode.DocumentShape]).toContain(a.closed?.code);
    // Ben stays connected and goes on writing; a third peer sees everything he wrote, and nothing crafted.
    cb.receive(writeUpdate(textUpdate(' and more', bensDoc)));
    const c = new FakeSocket();
    relay.connect(ROOM, c, identity('c')).receive(step1());
    await c.until((s) => textOf(s.view()) === 'honest words and more');
    expect(b.closed).toBeNull();
    expect(textOf((await reload(store)).doc)).toBe('honest words and more');
  });

  it('groups updates that arrive together into one write', async () => {
    const sockets = [0, 1, 2, 3].map(() => new FakeSocket());
    const connections = sockets.map((s, i) => relay.connect(ROOM, s, identity(`u${i}`)));
    await Promise.all(sockets.map((s) => s.until((x) => x.sent.length > 0)));
    store.appendCalls.length = 0;
    connections.forEach((c, i) => {
      const doc = new Y.Doc();
      for (let k = 0; k < 5; k++) c.receive(writeUpdate(textUpdate(`${i}${k}`, doc)));
    });
    await sockets[0].until((s) => textOf(s.view()).length === 30);
    expect(store.appendCalls.length).toBe(1);
    expect(store.appendCalls[0]).toHaveLength(20);
  });

  it('compacts a long update log into a snapshot without changing the document', async () => {
    const a = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    await a.until((s) => s.sent.length > 0);
    const doc = new Y.Doc();
    const b = new FakeSocket();
    relay.connect(ROOM, b, identity('b'));
    for (let i = 0; i < 25; i++) {
      ca.receive(writeUpdate(textUpdate(`w${i} `, doc)));
      await b.until((s) => textOf(s.view()).endsWith(`w${i} `));
    }
    await relay.shutdown();
    const stored = await store.inner.loadDoc(ROOM);
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(10);
    expect(textOf((await reload(store)).doc)).toBe(textOf(doc));
  });

  it('unloads a document once its last peer has left and its writes are flushed', async () => {
    const a = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    ca.receive(writeUpdate(textUpdate('bye')));
    await a.until((s) => s.sent.length > 0);
    expect(relay.stats.rooms).toBe(1);
    ca.socketClosed();
    await relay.idle();
    expect(relay.stats).toEqual({ rooms: 0, connections: 0 });
    expect(textOf((await reload(store)).doc)).toBe('bye');
  });

  it('lets a connection change only the awareness entries it introduced', async () => {
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    const cb = relay.connect(ROOM, b, identity('b'));
    await Promise.all([a.until((s) => s.sent.length > 0), b.until((s) => s.sent.length > 0)]);
    ca.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 111, clock: 1, stateJson: '{"user":{"name":"Ada"}}' }])));
    await b.until((s) => s.awarenessClientIds().includes(111));

    // Ben's client tries to erase Ada's caret, then to publish its own.
    cb.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 111, clock: 5, stateJson: 'null' }])));
    cb.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 222, clock: 1, stateJson: '{"user":{"name":"Ben"}}' }])));
    await a.until((s) => s.awarenessClientIds().includes(222));
    expect(a.awarenessClientIds()).not.toContain(111);

    const c = new FakeSocket();
    relay.connect(ROOM, c, identity('c'));
    await c.until((s) => s.awarenessClientIds().length === 2);
    expect(c.awarenessClientIds().sort()).toEqual([111, 222]);
  });

  it('lets a reconnecting tab keep its caret, and nobody else take it over after it leaves', async () => {
    const state = (name: string) => JSON.stringify({ user: { name } });
    const oldSocket = new FakeSocket();
    const ben = new FakeSocket();
    const oldConnection = relay.connect(ROOM, oldSocket, identity('ada'));
    const cb = relay.connect(ROOM, ben, identity('ben'));
    await ben.until((s) => s.sent.length > 0);
    oldConnection.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 111, clock: 3, stateJson: state('Ada') }])));
    await ben.until((s) => s.awarenessClientIds().length === 1);

    // Ada's tab reconnects with the same client id before the relay notices the old socket is dead.
    const newSocket = new FakeSocket();
    const newConnection = relay.connect(ROOM, newSocket, identity('ada'));
    newConnection.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 111, clock: 3, stateJson: state('Ada, back') }])));
    await ben.until((s) => s.awarenessClientIds().length === 2);
    const before = ben.sent.length;
    oldConnection.socketClosed();
    const c = new FakeSocket();
    relay.connect(ROOM, c, identity('cy'));
    await c.until((s) => s.awarenessClientIds().includes(111));
    expect(ben.sent.length).toBe(before); // no removal was broadcast for a caret still in use

    // Once Ada is gone for good, Ben cannot put a caret under her client id.
    newConnection.socketClosed();
    await ben.until((s) => s.sent.length > before);
    cb.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 111, clock: 10, stateJson: state('not Ada') }])));
    cb.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 222, clock: 1, stateJson: state('Ben') }])));
    await c.until((s) => s.awarenessClientIds().includes(222));
    const late = new FakeSocket();
    relay.connect(ROOM, late, identity('dee'));
    await late.until((s) => s.awarenessClientIds().length > 0);
    expect(late.awarenessClientIds()).toEqual([222]);
  });

  it('closes a socket that publishes an oversized awareness state', async () => {
    const a = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    ca.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 1, clock: 1, stateJson: JSON.stringify({ pad: 'x'.repeat(20_000) }) }])));
    await a.until((s) => s.closed !== null);
    expect(a.closed?.code).toBe(CloseCode.AwarenessTooLarge);
  });

  it('closes only the socket that sent a malformed frame', async () => {
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('a'));
    const cb = relay.connect(ROOM, b, identity('b'));
    ca.receive(new Uint8Array([0, 2, 200, 1, 2]));
    await a.until((s) => s.closed !== null);
    expect(a.closed?.code).toBe(CloseCode.BadMessage);
    cb.receive(writeUpdate(textUpdate('carry on')));
    const c = new FakeSocket();
    relay.connect(ROOM, c, identity('c')).receive(step1());
    await c.until((s) => textOf(s.view()) === 'carry on');
  });

  it('closes a socket whose user floods the relay, across reconnects, and keeps a steady writer and the rest', async () => {
    let now = 0;
    const rate = { messagesPerSecond: 50, burstMessages: 100, bytesPerSecond: 10_000, burstBytes: 50_000 };
    const limited = new Relay({ store, rate, now: () => now });
    const flooder = new FakeSocket();
    const steady = new FakeSocket();
    const reader = new FakeSocket();
    const cf = limited.connect(ROOM, flooder, identity('f'));
    const cs = limited.connect(ROOM, steady, identity('s'));
    limited.connect(ROOM, reader, identity('r')).receive(step1());
    // 101 messages in the same instant: one over the burst.
    const doc = new Y.Doc();
    for (let i = 0; i < 101; i++) cf.receive(writeUpdate(textUpdate('x', doc)));
    await flooder.until((s) => s.closed !== null);
    expect(flooder.closed?.code).toBe(CloseCode.RateExceeded);
    // Coming back on a new socket at once does not refill the flooder's budget.
    const again = new FakeSocket();
    limited.connect(ROOM, again, identity('f')).receive(step1());
    await again.until((s) => s.closed !== null);
    expect(again.closed?.code).toBe(CloseCode.RateExceeded);
    // A writer at 40 messages a second for 10 seconds stays within 50 a second.
    const steadyDoc = new Y.Doc();
    for (let i = 0; i < 400; i++) {
      now += 25;
      cs.receive(writeUpdate(textUpdate('s', steadyDoc)));
    }
    // And bytes count too: one message larger than the byte burst is refused.
    const big = new FakeSocket();
    limited.connect(ROOM, big, identity('b')).receive(writeUpdate(textUpdate('y'.repeat(60_000))));
    await big.until((s) => s.closed !== null);
    expect(big.closed?.code).toBe(CloseCode.RateExceeded);
    await reader.until((s) => textOf(s.view()).split('s').length - 1 === 400);
    expect(steady.closed).toBeNull();
    // Ten seconds later the flooder's budget has refilled.
    const later = new FakeSocket();
    limited.connect(ROOM, later, identity('f')).receive(step1());
    await later.until((s) => s.sent.length > 0);
    expect(later.closed).toBeNull();
    await limited.shutdown();
  });

  it('holds an update that waits on changes the relay lacks, and judges it as its sender’s once they arrive', async () => {
    const INDEX = 'journal001/index';
    const ruled = new Relay({ store, rules: (room) => (room === INDEX ? journalIndexRule : null) });
    const adaDoc = new Y.Doc();
    const benDoc = new Y.Doc();
    // Ada creates an entry but has not sent it yet; Ben (who somehow knows it) forges his name into it.
    const entryId = createEntry(adaDoc, { id: 'a', name: 'A' });
    Y.applyUpdate(benDoc, Y.encodeStateAsUpdate(adaDoc));
    const knownToBen = Y.encodeStateVector(benDoc);
    ((entriesMap(benDoc).get(entryId) as Y.Map<unknown>).get('authors') as Y.Map<string>).set('a', 'Mallory');
    const parked = Y.encodeStateAsUpdate(benDoc, knownToBen);

    const ben = new FakeSocket();
    ruled.connect(INDEX, ben, identity('b')).receive(writeUpdate(parked));
    await ben.until((s) => s.sent.length > 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ben.closed).toBeNull();
    expect(store.appendCalls).toHaveLength(0);
    // Ada's own entry then arrives: it is hers, and Ben's held change is then judged as his and refused.
    const ada = new FakeSocket();
    ruled.connect(INDEX, ada, identity('a')).receive(writeUpdate(Y.encodeStateAsUpdate(adaDoc)));
    await ben.until((s) => s.closed !== null);
    expect(ben.closed?.code).toBe(CloseCode.ForbiddenChange);
    const reader = new FakeSocket();
    ruled.connect(INDEX, reader, identity('r')).receive(step1());
    await reader.until((s) => entriesMap(s.view()).has(entryId));
    expect(ada.closed).toBeNull();
    expect(((entriesMap(reader.view()).get(entryId) as Y.Map<unknown>).get('authors') as Y.Map<string>).toJSON()).toEqual({ a: 'A' });
    await ruled.shutdown();
  });
});

/** What a fresh load from storage would give, through a second relay. */
async function reload(store: GatedStore): Promise<{ doc: Y.Doc }> {
  const relay = new Relay({ store });
  const socket = new FakeSocket();
  relay.connect(ROOM, socket, identity('reader')).receive(step1());
  await socket.until((s) => s.updates().length > 0);
  const doc = socket.view();
  await relay.shutdown();
  return { doc };
}
