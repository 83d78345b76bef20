import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ENTRY_SHAPE } from '#shared/documents/entry.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { DUET_MESSAGE_TYPE, writeFlushRequest } from '#shared/protocol/flushAck.js';
import { writeSyncStep2, writeUpdate } from '#shared/protocol/frames.js';
import { Relay } from '../../server/relay/Relay.js';
import type { ChangeRule } from '../../server/relay/types.js';
import { FakeSocket, GatedStore, deferred } from '../helpers/fakePeers.js';

/**
 * Cases a review of the relay's checks found, each kept as a test of what a
 * person relies on: nothing crafted gets stored, nothing accepted is lost,
 * and nothing honest is refused.
 */
const ROOM = 'journal001/entry-entry0001';
const identity = (userId: string) => ({ userId, userName: userId.toUpperCase(), sessionId: `s-${userId}`, journalId: 'journal001' });
const turn = () => new Promise((resolve) => setImmediate(resolve));
const acks = (socket: FakeSocket) => socket.sent.filter((f) => decoding.readVarUint(decoding.createDecoder(f)) === DUET_MESSAGE_TYPE).length;

describe('relay checks under review', () => {
  let store: GatedStore;
  let relay: Relay;

  beforeEach(() => {
    store = new GatedStore();
    relay = new Relay({ store, compactEvery: 10_000, shapes: () => ENTRY_SHAPE });
  });
  afterEach(async () => {
    store.release();
    await relay.shutdown();
    await store.inner.close();
  });

  async function stored(): Promise<Y.Doc> {
    const loaded = await store.inner.loadDoc(ROOM);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  it('refuses an update that names one client in two blocks (Yjs would apply only the second, unchecked)', async () => {
    const evil = new Y.Doc();
    evil.clientID = 5150;
    let parent: Y.XmlFragment | Y.XmlElement = evil.getXmlFragment('default');
    for (let i = 0; i < 100; i++) {
      const child: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(0, [child]);
      parent = child;
    }
    const plain = Y.encodeStateAsUpdate(evil);
    // A first block of one GC struct over the same clocks, then the real one.
    const decoder = decoding.createDecoder(plain);
    decoding.readVarUint(decoder);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 5150);
    encoding.writeVarUint(encoder, 0);
    encoding.writeUint8(encoder, 0);
    encoding.writeVarUint(encoder, Y.getState(evil.store, 5150));
    encoding.writeUint8Array(encoder, decoding.readTailAsUint8Array(decoder));
    const mallory = new FakeSocket();
    relay.connect(ROOM, mallory, identity('mallory')).receive(writeUpdate(encoding.toUint8Array(encoder)));
    await mallory.until((s) => s.closed !== null);
    expect(mallory.closed?.code).toBe(CloseCode.DocumentShape);
    expect(store.appendCalls).toHaveLength(0);
  });

  it('takes a partner’s typing into a paragraph the other has just deleted, as Yjs does', async () => {
    const ada = new Y.Doc();
    const ben = new Y.Doc();
    const sa = new FakeSocket();
    const sb = new FakeSocket();
    const ca = relay.connect(ROOM, sa, identity('ada'));
    const cb = relay.connect(ROOM, sb, identity('ben'));
    const change = (doc: Y.Doc, edit: () => void) => {
      const before = Y.encodeStateVector(doc);
      edit();
      return Y.encodeStateAsUpdate(doc, before);
    };
    const paragraph = change(ada, () => ada.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]));
    Y.applyUpdate(ben, paragraph);
    ca.receive(writeUpdate(paragraph));
    ca.receive(writeUpdate(change(ada, () => ada.getXmlFragment('default').delete(0, 1))));
    await sb.until((s) => s.updates().length >= 2);
    // Ben had not seen the deletion: he types into the paragraph, then goes on in a new one.
    cb.receive(
      writeUpdate(
        change(ben, () => {
          const text = new Y.XmlText();
          (ben.getXmlFragment('default').get(0) as Y.XmlElement).insert(0, [text]);
          text.insert(0, 'Hello');
        }),
      ),
    );
    cb.receive(writeUpdate(change(ben, () => ben.getXmlFragment('default').insert(1, [new Y.XmlText('still here')]))));
    cb.receive(writeFlushRequest(1));
    await sb.until((s) => acks(s) === 1 || s.closed !== null);
    expect(sb.closed).toBeNull();
    expect((await stored()).getXmlFragment('default').toString()).toContain('still here');
  });

  it('counts the root types every item names, duplicates too, and keeps taking honest writes', async () => {
    const mallory = new FakeSocket();
    const cm = relay.connect(ROOM, mallory, identity('mallory'));
    const a = new Y.Doc();
    a.clientID = 4242;
    a.getText('title').insert(0, 'x'.repeat(20));
    cm.receive(writeUpdate(Y.encodeStateAsUpdate(a)));
    // The same clocks again, each naming another root: all duplicates, but Yjs would create the roots.
    const b = new Y.Doc();
    b.clientID = 4242;
    b.transact(() => {
      for (let i = 0; i < 20; i++) b.getText(`r${i}`).insert(0, 'x');
    });
    cm.receive(writeUpdate(Y.encodeStateAsUpdate(b)));
    await mallory.until((s) => s.closed !== null);
    expect(mallory.closed?.code).toBe(CloseCode.DocumentShape);
    const ada = new FakeSocket();
    const reader = new FakeSocket();
    relay.connect(ROOM, reader, identity('ben'));
    const doc = new Y.Doc();
    doc.getXmlFragment('default').insert(0, [new Y.XmlText('hi')]);
    relay.connect(ROOM, ada, identity('ada')).receive(writeUpdate(Y.encodeStateAsUpdate(doc)));
    await reader.until((s) => s.view().getXmlFragment('default').toString() === 'hi');
    expect(ada.closed).toBeNull();
  });

  it('applies a server change (a comment reply) after a reset under way, never to the document being replaced', async () => {
    const rule: ChangeRule = {
      watch: (doc) => [doc.getMap('replies')],
      check: (_events, _doc, sender) => (sender.userId === 'mallory' ? 'not yours to change' : null),
    };
    await relay.shutdown();
    relay = new Relay({ store, compactEvery: 2, rules: () => rule });
    await relay.change(ROOM, (d) => d.getMap('replies').set('r0', 'first'));
    const forged = (key: string) => {
      const doc = new Y.Doc();
      doc.getMap('replies').set(key, 'forged');
      return writeUpdate(Y.encodeStateAsUpdate(doc));
    };
    const m1 = new FakeSocket();
    const m2 = new FakeSocket();
    const c1 = relay.connect(ROOM, m1, identity('mallory'));
    const c2 = relay.connect(ROOM, m2, identity('mallory'));
    await m2.until((s) => s.sent.length > 0);
    store.loadGate = deferred();
    c1.receive(forged('x1'));
    await m1.until((s) => s.closed !== null);
    // While the room reloads: a reply is accepted, and another refused update arrives.
    const reply = relay.change(ROOM, (d) => d.getMap('replies').set('r1', 'Ada’s reply'));
    c2.receive(forged('x2'));
    await turn();
    const gate = store.loadGate;
    store.loadGate = null;
    gate.resolve();
    await reply;
    await m2.until((s) => s.closed !== null);
    await relay.change(ROOM, (d) => d.getMap('replies').set('r2', 'later'));
    expect([...(await stored()).getMap('replies').keys()].sort()).toEqual(['r0', 'r1', 'r2']);
  });

  it('confirms storage only when no write it depends on failed, even one another tab sent', async () => {
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = relay.connect(ROOM, a, identity('ada'));
    const cb = relay.connect(ROOM, b, identity('ada'));
    await b.until((s) => s.sent.length > 0);
    // Two tabs send the same change from the device's store; the first copy's write will fail.
    const doc = new Y.Doc();
    doc.getXmlFragment('default').insert(0, [new Y.XmlText('written offline')]);
    const update = Y.encodeStateAsUpdate(doc);
    store.appendGate = deferred();
    store.failNextAppend = true;
    ca.receive(writeSyncStep2(update));
    cb.receive(writeSyncStep2(update));
    cb.receive(writeFlushRequest(1));
    await turn();
    await turn();
    expect(acks(b)).toBe(0);
    store.appendGate.resolve();
    await b.until((s) => s.closed !== null);
    expect(acks(b)).toBe(0);
    expect(b.closed?.code).toBe(CloseCode.StorageUnavailable);
  });

  it('bounds updates held for a room, and forgets those of a socket that closed', async () => {
    // Each socket holds an update that waits on a client nobody has.
    const waiting = (n: number) => {
      const doc = new Y.Doc();
      doc.clientID = 777_000 + n;
      doc.getText('title').insert(0, 'a');
      const before = Y.encodeStateVector(doc);
      doc.getText('title').insert(1, 'x'.repeat(200_000));
      return writeUpdate(Y.encodeStateAsUpdate(doc, before));
    };
    const sockets = Array.from({ length: 24 }, () => new FakeSocket());
    const connections = sockets.map((socket, n) => {
      const connection = relay.connect(ROOM, socket, identity('mallory'));
      connection.receive(waiting(n));
      return connection;
    });
    await sockets[23].until((s) => s.sent.length > 0);
    await turn();
    const refused = sockets.filter((s) => s.closed?.code === CloseCode.OutOfOrder).length;
    expect(refused).toBeGreaterThan(0);
    expect(24 - refused).toBeLessThanOrEqual(Math.floor((4 * 1024 * 1024) / 200_000));
    // The sockets hang up; their held updates go with them, and a new one fits again.
    const ada = new FakeSocket();
    relay.connect(ROOM, ada, identity('ada'));
    await ada.until((s) => s.sent.length > 0);
    for (const connection of connections) connection.socketClosed();
    const again = new FakeSocket();
    relay.connect(ROOM, again, identity('ben')).receive(waiting(99));
    await turn();
    expect(again.closed).toBeNull();
  });

  it('refuses an update under hundreds of new client ids at once', async () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 300);
    for (let client = 1; client <= 300; client++) {
      // One GC struct of length 1 per client.
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, 0);
      encoding.writeUint8(encoder, 0);
      encoding.writeVarUint(encoder, 1);
    }
    encoding.writeVarUint(encoder, 0);
    const mallory = new FakeSocket();
    relay.connect(ROOM, mallory, identity('mallory')).receive(writeUpdate(encoding.toUint8Array(encoder)));
    await mallory.until((s) => s.closed !== null);
    expect(mallory.closed?.code).toBe(CloseCode.DocumentShape);
  });

  it('charges a person for each reload their refused updates cause, so nobody can keep a room reloading', async () => {
    const rule: ChangeRule = {
      watch: (doc) => [doc.getMap('replies')],
      check: (_events, _doc, sender) => (sender.userId === 'mallory' ? 'not yours to change' : null),
    };
    await relay.shutdown();
    // A clock that stands still: no budget comes back during the test.
    relay = new Relay({ store, compactEvery: 10_000, rules: () => rule, now: () => 0 });
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const doc = new Y.Doc();
      doc.getMap('replies').set(`x${i}`, 'forged');
      const socket = new FakeSocket();
      relay.connect(ROOM, socket, identity('mallory')).receive(writeUpdate(Y.encodeStateAsUpdate(doc)));
      await socket.until((s) => s.closed !== null);
      codes.push(socket.closed!.code);
    }
    const reloads = codes.filter((code) => code === CloseCode.ForbiddenChange).length;
    expect(reloads).toBeLessThanOrEqual(5);
    expect(codes.slice(reloads).every((code) => code === CloseCode.RateExceeded)).toBe(true);
  });

  it('writes its own changes under one client id across restarts, so a document’s writers do not pile up', async () => {
    for (let i = 0; i < 3; i++) {
      await relay.change(ROOM, (d) => d.getMap('replies').set(`r${i}`, 'a reply'));
      await relay.shutdown();
      relay = new Relay({ store, compactEvery: 10_000, shapes: () => ENTRY_SHAPE });
    }
    const { owners } = await store.inner.loadDoc(ROOM);
    expect([...owners.values()]).toEqual(['#server']);
    expect((await stored()).getMap('replies').size).toBe(3);
  });

  it('counts only the types a document still holds, and the journal’s bytes after compaction', async () => {
    await relay.shutdown();
    const small = { ...ENTRY_SHAPE, maxTypes: 50 };
    relay = new Relay({ store, compactEvery: 4, shapes: () => small, journalOf: (room) => room.split('/')[0], quota: { bytes: 40_000, documents: 10 } });
    const mallory = new FakeSocket();
    const cm = relay.connect(ROOM, mallory, identity('mallory'));
    const doc = new Y.Doc();
    for (let round = 0; round < 6; round++) {
      // 40 paragraphs and 5 KB of text, then all deleted: nothing stays but history.
      let before = Y.encodeStateVector(doc);
      doc.getXmlFragment('default').insert(0, Array.from({ length: 40 }, () => new Y.XmlElement('paragraph')));
      doc.getText('title').insert(0, 'y'.repeat(5_000));
      cm.receive(writeUpdate(Y.encodeStateAsUpdate(doc, before)));
      before = Y.encodeStateVector(doc);
      doc.getXmlFragment('default').delete(0, 40);
      doc.getText('title').delete(0, 5_000);
      cm.receive(writeUpdate(Y.encodeStateAsUpdate(doc, before)));
      cm.receive(writeFlushRequest(round));
      await mallory.until((s) => acks(s) === round + 1 || s.closed !== null);
    }
    expect(mallory.closed).toBeNull();
    // Ada can still add paragraphs and words.
    const ada = new FakeSocket();
    const adaDoc = new Y.Doc();
    adaDoc.getXmlFragment('default').insert(0, Array.from({ length: 20 }, () => new Y.XmlElement('paragraph')));
    const ca = relay.connect(ROOM, ada, identity('ada'));
    ca.receive(writeUpdate(Y.encodeStateAsUpdate(adaDoc)));
    ca.receive(writeFlushRequest(1));
    await ada.until((s) => acks(s) === 1 || s.closed !== null);
    expect(ada.closed).toBeNull();
    expect((await stored()).getXmlFragment('default').length).toBe(20);
  });
});
