import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentRule } from '#shared/documents/DocumentKind.js';
import { ENTRY_SHAPE } from '#shared/documents/entry.js';
import { writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { DUET_MESSAGE_TYPE, writeFlushRequest } from '#shared/protocol/flushAck.js';
import { writeAwareness, writeSyncStep1, writeUpdate } from '#shared/protocol/frames.js';
import { Relay } from '../../server/relay/Relay.js';
import { FakeSocket, GatedStore, deferred } from '../helpers/fakePeers.js';
import { seededRandom } from '../helpers/seededRandom.js';

const ROOM = 'journal001/entry-entry0001';
const identity = (userId: string) => ({ userId, userName: userId.toUpperCase(), sessionId: `s-${userId}`, journalId: 'journal001' });
const step1 = () => writeSyncStep1(Y.encodeStateVector(new Y.Doc()));
const textOf = (doc: Y.Doc) => doc.getText('t').toString();
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Types `text` at the end of `doc`'s text and returns the update that made. */
function type(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

/** A document that writes under `victim`'s client id, knowing what `victim` has. */
function impostorOf(victim: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(victim));
  // Set after loading: Yjs would pick a new id on meeting its own id in an update.
  doc.clientID = victim.clientID;
  return doc;
}

const acks = (socket: FakeSocket) =>
  socket.sent.filter((frame) => decoding.readVarUint(decoding.createDecoder(frame)) === DUET_MESSAGE_TYPE).length;

describe('relay hardening', () => {
  let store: GatedStore;
  let relay: Relay;

  beforeEach(() => {
    store = new GatedStore();
    relay = new Relay({ store, compactEvery: 10_000 });
  });
  afterEach(async () => {
    store.release();
    await relay.shutdown();
    await store.inner.close();
  });

  /** What a newcomer gets from the relay, and what a fresh relay loads from storage. */
  async function seen(): Promise<{ live: string; stored: string }> {
    const reader = new FakeSocket();
    relay.connect(ROOM, reader, identity('reader')).receive(step1());
    await reader.until((s) => s.updates().length > 0);
    const fresh = new Relay({ store });
    const cold = new FakeSocket();
    fresh.connect(ROOM, cold, identity('reader')).receive(step1());
    await cold.until((s) => s.updates().length > 0);
    await fresh.shutdown();
    return { live: textOf(reader.view()), stored: textOf(cold.view()) };
  }

  it('refuses a partner writing under the other partner’s client id, so none of her keystrokes are skipped', async () => {
    const adaDoc = new Y.Doc();
    const ada = new FakeSocket();
    const ben = new FakeSocket();
    const ca = relay.connect(ROOM, ada, identity('ada'));
    const cb = relay.connect(ROOM, ben, identity('ben'));
    ca.receive(writeUpdate(type(adaDoc, 'Dear diary, ')));
    await ben.until((s) => textOf(s.view()) === 'Dear diary, ');

    // At her next clock: refused at once. At a future clock: held, never stored, refused when it could apply.
    const next = impostorOf(adaDoc);
    cb.receive(writeUpdate(type(next, 'FORGED')));
    await ben.until((s) => s.closed !== null);
    expect(ben.closed?.code).toBe(CloseCode.ClientIdTaken);

    const ben2 = new FakeSocket();
    const cb2 = relay.connect(ROOM, ben2, identity('ben'));
    const ahead = impostorOf(adaDoc);
    type(ahead, 'xxxx');
    const future = type(ahead, 'FORGED');
    cb2.receive(writeUpdate(future));
    await ben2.until((s) => s.sent.length > 0);
    await turn();
    expect(ben2.closed).toBeNull();

    // Her real keystrokes reach the forged clocks: the forgery could apply now, and is refused.
    ca.receive(writeUpdate(type(adaDoc, 'to')));
    ca.receive(writeUpdate(type(adaDoc, 'da')));
    await ben2.until((s) => s.closed !== null);
    expect(ben2.closed?.code).toBe(CloseCode.ClientIdTaken);
    ca.receive(writeUpdate(type(adaDoc, 'y we walked.')));
    expect(await seen()).toEqual({ live: 'Dear diary, today we walked.', stored: 'Dear diary, today we walked.' });

    // The binding is stored with the document: after a restart it still holds.
    await relay.shutdown();
    relay = new Relay({ store });
    const ben3 = new FakeSocket();
    relay.connect(ROOM, ben3, identity('ben')).receive(writeUpdate(type(impostorOf(adaDoc), 'FORGED')));
    await ben3.until((s) => s.closed !== null);
    expect(ben3.closed?.code).toBe(CloseCode.ClientIdTaken);
    // Nor may Ben show a caret under Ada's client id.
    const ben4 = new FakeSocket();
    const reader = new FakeSocket();
    const cb4 = relay.connect(ROOM, ben4, identity('ben'));
    relay.connect(ROOM, reader, identity('reader'));
    cb4.receive(writeAwareness(writeAwarenessUpdate([{ clientId: adaDoc.clientID, clock: 1, stateJson: '{"user":{"name":"Ada"}}' }])));
    cb4.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 4242, clock: 1, stateJson: '{"user":{"name":"Ben"}}' }])));
    await reader.until((s) => s.awarenessClientIds().includes(4242));
    expect(reader.awarenessClientIds()).not.toContain(adaDoc.clientID);
  });

  it('confirms storage only once the update is durable, and never for an update it could not apply yet', async () => {
    const adaDoc = new Y.Doc();
    const ada = new FakeSocket();
    const ca = relay.connect(ROOM, ada, identity('ada'));
    await ada.until((s) => s.sent.length > 0);
    store.appendGate = deferred();
    ca.receive(writeUpdate(type(adaDoc, 'held on its way to disk')));
    ca.receive(writeFlushRequest(1));
    await turn();
    await turn();
    expect(store.appendCalls).toHaveLength(1);
    expect(acks(ada)).toBe(0);
    store.appendGate.resolve();
    store.appendGate = null;
    await ada.until((s) => acks(s) === 1);

    // A second tab forwards a later change of Ada's before the one it depends on reached the relay.
    const tab = new FakeSocket();
    const ct = relay.connect(ROOM, tab, identity('ada'));
    const missing = type(adaDoc, ' one');
    const dependent = type(adaDoc, ' two');
    ct.receive(writeUpdate(dependent));
    ct.receive(writeFlushRequest(7));
    await tab.until((s) => s.sent.length > 0);
    await turn();
    await turn();
    expect(acks(tab)).toBe(0);
    expect(store.appendCalls).toHaveLength(1);
    expect((await store.inner.loadDoc(ROOM)).updates).toHaveLength(1);
    // When what it waits for arrives, both are stored, and only then confirmed.
    ca.receive(writeUpdate(missing));
    await tab.until((s) => acks(s) === 1);
    expect(await seen()).toEqual({ live: 'held on its way to disk one two', stored: 'held on its way to disk one two' });
  });

  it('keeps every accepted change queued for storage when a refused update makes the room reload', async () => {
    // A rule refuses Mallory's changes to the replies after applying them, so the room must reload.
    const rule: DocumentRule = {
      watch: (doc) => [doc.getMap('replies')],
      check: (_events, _doc, sender) => (sender.userId === 'mallory' ? 'not yours to change' : null),
    };
    await relay.shutdown();
    // No per-person budget here: each forced reload costs its sender, and this test forces forty.
    relay = new Relay({ store, compactEvery: 10_000, rules: () => rule, rate: null });
    const random = seededRandom(7);
    const honest = new Y.Doc();
    const writer = new FakeSocket();
    const cw = relay.connect(ROOM, writer, identity('ada'));
    await writer.until((s) => s.sent.length > 0);
    const replies: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      store.appendGate = deferred();
      // An accepted server change (a comment reply the API answers for) and a keystroke, both held on their way to disk.
      replies.push(relay.change(ROOM, (doc) => doc.getMap('replies').set(`r${i}`, `reply ${i}`)));
      cw.receive(writeUpdate(type(honest, `${i} `)));
      await turn();
      const forger = new FakeSocket();
      const forged = new Y.Doc();
      forged.getMap('replies').set(`r${i}`, 'forged');
      relay.connect(ROOM, forger, identity('mallory')).receive(writeUpdate(Y.encodeStateAsUpdate(forged)));
      if (random() < 0.5) await turn();
      store.appendGate.resolve();
      await forger.until((s) => s.closed !== null);
      expect(forger.closed?.code).toBe(CloseCode.ForbiddenChange);
    }
    await Promise.all(replies);
    // The next server change works on the document with every reply in it.
    expect(await relay.change(ROOM, (doc) => doc.getMap('replies').size)).toBe(40);
    expect(writer.closed).toBeNull();
    await relay.shutdown();
    relay = new Relay({ store });
    const reader = new FakeSocket();
    relay.connect(ROOM, reader, identity('reader')).receive(step1());
    await reader.until((s) => s.updates().length > 0);
    const view = reader.view();
    expect(view.getMap('replies').size).toBe(40);
    expect([...view.getMap('replies').values()]).not.toContain('forged');
    expect(textOf(view)).toBe(textOf(honest));
  });

  it('refuses updates that nest shared types deeper than the document holds, before applying them', async () => {
    const shaped = new Relay({ store, shapes: () => ENTRY_SHAPE });
    const attacker = new FakeSocket();
    const bystander = new FakeSocket();
    const ca = shaped.connect(ROOM, attacker, identity('mallory'));
    const cb = shaped.connect('journal001/entry-entry0002', bystander, identity('ada'));
    const deep = new Y.Doc();
    let parent: Y.XmlFragment | Y.XmlElement = deep.getXmlFragment('default');
    // 600 levels: far past the bound, and cheap to build (the cost grows with the square of the depth).
    for (let i = 0; i < 600; i++) {
      const child: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(0, [child]);
      parent = child;
    }
    ca.receive(writeUpdate(Y.encodeStateAsUpdate(deep)));
    await attacker.until((s) => s.closed !== null);
    expect(attacker.closed?.code).toBe(CloseCode.DocumentShape);

    // A kind of type an entry never holds, and a subdocument, are refused too.
    const builds = [
      (d: Y.Doc) => d.getMap('m').set('x', new Y.Map()),
      (d: Y.Doc) => d.getMap('m').set('sub', new Y.Doc()),
    ];
    for (const build of builds) {
      const doc = new Y.Doc();
      build(doc);
      const socket = new FakeSocket();
      shaped.connect(ROOM, socket, identity('mallory')).receive(writeUpdate(Y.encodeStateAsUpdate(doc)));
      await socket.until((s) => s.closed !== null);
      expect(socket.closed?.code).toBe(CloseCode.DocumentShape);
    }
    // An entry as the editor writes it, lists inside lists, is accepted, and the bystander was never held up.
    const ok = new Y.Doc();
    let list: Y.XmlFragment | Y.XmlElement = ok.getXmlFragment('default');
    for (let i = 0; i < 10; i++) {
      const bullet: Y.XmlElement = new Y.XmlElement('bulletList');
      const item: Y.XmlElement = new Y.XmlElement('listItem');
      list.insert(0, [bullet]);
      bullet.insert(0, [item]);
      item.insert(0, [new Y.XmlElement('paragraph')]);
      list = item;
    }
    const writer = new FakeSocket();
    const reader = new FakeSocket();
    shaped.connect(ROOM, reader, identity('ben'));
    shaped.connect(ROOM, writer, identity('ada')).receive(writeUpdate(Y.encodeStateAsUpdate(ok)));
    cb.receive(step1());
    await bystander.until((s) => s.updates().length > 0);
    await reader.until((s) => s.view().getXmlFragment('default').toString() === ok.getXmlFragment('default').toString());
    expect(writer.closed).toBeNull();
    await shaped.shutdown();
  });

  it('keeps no delete set for unknown clients: it is held within a bound, then sent to sync', async () => {
    const attacker = new FakeSocket();
    const ca = relay.connect(ROOM, attacker, identity('mallory'));
    await attacker.until((s) => s.sent.length > 0);
    // An update of nothing but deletions of 150,000 ranges of a client nobody has seen.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // no structs
    encoding.writeVarUint(encoder, 1); // one client in the delete set
    encoding.writeVarUint(encoder, 123456789);
    encoding.writeVarUint(encoder, 150_000);
    for (let i = 0; i < 150_000; i++) {
      encoding.writeVarUint(encoder, i * 2);
      encoding.writeVarUint(encoder, 1);
    }
    const deletes = encoding.toUint8Array(encoder);
    expect(deletes.byteLength).toBeGreaterThan(300_000);
    for (let i = 0; i < 4 && !attacker.closed; i++) {
      ca.receive(writeUpdate(deletes));
      await turn();
    }
    await attacker.until((s) => s.closed !== null);
    expect(attacker.closed?.code).toBe(CloseCode.OutOfOrder);
    expect(store.appendCalls).toHaveLength(0);
  });

  it('holds a bounded amount unsent for one person, however many sockets ask for a large document and never read', async () => {
    const writer = new FakeSocket();
    const cw = relay.connect(ROOM, writer, identity('ada'));
    // About 6 MB of text, in 3 MB updates (the frame limit is 4 MiB).
    const doc = new Y.Doc();
    for (let i = 0; i < 2; i++) cw.receive(writeUpdate(type(doc, `${i}`.repeat(3_000_000))));
    const partner = new FakeSocket();
    relay.connect(ROOM, partner, identity('ben')).receive(step1());
    await partner.until((s) => textOf(s.view()).length === 6_000_000);

    const hoarders = Array.from({ length: 60 }, () => new FakeSocket(true));
    for (const socket of hoarders) relay.connect(ROOM, socket, identity('mallory')).receive(step1());
    await Promise.all(hoarders.map((socket) => socket.until((s) => s.updates().length > 0 || s.closed !== null)));
    const queued = hoarders.reduce((sum, s) => sum + s.bufferedAmount, 0);
    const served = hoarders.filter((s) => s.closed === null).length;
    expect(queued).toBeLessThanOrEqual(64 * 1024 * 1024 + 6_100_000);
    expect(served).toBeLessThan(15);
    expect(hoarders.filter((s) => s.closed?.code === CloseCode.SlowConsumer)).toHaveLength(60 - served);
    // Everyone else is served as before.
    const late = new FakeSocket();
    relay.connect(ROOM, late, identity('ben')).receive(step1());
    await late.until((s) => textOf(s.view()).length === 6_000_000);
  });

  it('stores no more for a journal than its quota, in bytes and in documents, and says so', async () => {
    const limited = new Relay({ store, journalOf: (room) => room.split('/')[0], quota: { bytes: 60_000, documents: 3 } });
    const writer = new FakeSocket();
    const doc = new Y.Doc();
    const cw = limited.connect(ROOM, writer, identity('ada'));
    cw.receive(writeUpdate(type(doc, 'a'.repeat(30_000))));
    cw.receive(writeFlushRequest(1));
    await writer.until((s) => acks(s) === 1);
    cw.receive(writeUpdate(type(doc, 'b'.repeat(40_000))));
    await writer.until((s) => s.closed !== null);
    expect(writer.closed?.code).toBe(CloseCode.JournalFull);
    // Server changes are refused the same way, and another journal is not affected.
    await expect(limited.change(ROOM, (d) => d.getMap('m').set('k', 'x'.repeat(40_000)))).rejects.toThrow('storage limit');
    await limited.change('journal002/entry-entry0001', (d) => d.getMap('m').set('k', 'x'.repeat(40_000)));
    // Documents: this one and two more fit; a fourth does not.
    await limited.change('journal001/entry-entry0002', (d) => d.getMap('m').set('k', 1));
    await limited.change('journal001/entry-entry0003', (d) => d.getMap('m').set('k', 1));
    await expect(limited.change('journal001/entry-entry0004', (d) => d.getMap('m').set('k', 1))).rejects.toThrow('storage limit');
    await limited.shutdown();
    const reader = new Relay({ store });
    const socket = new FakeSocket();
    reader.connect(ROOM, socket, identity('ada')).receive(step1());
    await socket.until((s) => s.updates().length > 0);
    expect(textOf(socket.view())).toBe('a'.repeat(30_000));
    expect((await store.inner.usage('journal001/')).docs).toBe(3);
    await reader.shutdown();
  });

  it('counts nothing against the quota for a write that failed, however often it is retried', async () => {
    const limited = new Relay({ store, journalOf: (room) => room.split('/')[0], quota: { bytes: 60_000, documents: 3 } });
    // Another room of the journal stays open, so the journal's usage stays in memory throughout.
    await limited.change('journal001/entry-entry0009', (d) => d.getMap('m').set('k', 1));
    for (let attempt = 0; attempt < 3; attempt++) {
      store.failNextAppend = true;
      const socket = new FakeSocket();
      const doc = new Y.Doc();
      limited.connect(ROOM, socket, identity('ada')).receive(writeUpdate(type(doc, 'z'.repeat(25_000))));
      await socket.until((s) => s.closed !== null);
      expect(socket.closed?.code).toBe(CloseCode.StorageUnavailable);
    }
    // Three failed 25 kB writes stored nothing, so 40 kB still fits, and so do two more documents.
    const writer = new FakeSocket();
    const cw = limited.connect(ROOM, writer, identity('ada'));
    cw.receive(writeUpdate(type(new Y.Doc(), 'y'.repeat(40_000))));
    cw.receive(writeFlushRequest(1));
    await writer.until((s) => acks(s) === 1);
    await limited.change('journal001/entry-entry0008', (d) => d.getMap('m').set('k', 1));
    await limited.shutdown();
  });

  it('stamps the sender’s real name and id on the presence it shows', async () => {
    const ben = new FakeSocket();
    const ada = new FakeSocket();
    const cb = relay.connect(ROOM, ben, identity('ben'));
    relay.connect(ROOM, ada, identity('ada'));
    cb.receive(writeAwareness(writeAwarenessUpdate([{ clientId: 77, clock: 1, stateJson: '{"user":{"id":"ada","name":"Ada","color":"#c0ffee"},"cursor":null}' }])));
    await ada.until((s) => s.awarenessClientIds().includes(77));
    const frame = ada.sent[ada.sent.length - 1];
    const text = new TextDecoder().decode(frame);
    expect(text).toContain('"id":"ben"');
    expect(text).toContain('"name":"BEN"');
    expect(text).toContain('#c0ffee');
    expect(text).not.toContain('"Ada"');
  });
});

