import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import { createEntry, indexRoom } from '#shared/documents/journalIndex.js';
import { deferred } from '../helpers/fakePeers.js';
import { SyncWorld, type SyncDevice } from '../helpers/syncWorld.js';
import { syncStatusKind, SYNC_STATUS_TEXT } from '../../client/src/sync/syncStatusKind.js';
import type { CollabRoom } from '../../client/src/sync/RoomRegistry.js';

const JOURNAL = 'journal001';
const ENTRY = entryRoom(JOURNAL, 'entry0001');
const ADA = { userId: 'user-ada1', userName: 'Ada' };
const BEN = { userId: 'user-ben1', userName: 'Ben' };

/** What the entry's status line says for one room, as the UI computes it. */
const statusText = (room: CollabRoom) => SYNC_STATUS_TEXT[syncStatusKind(room.sync.getState() !== 'confirmed', room.connection.getState())];
const type = (room: CollabRoom, text: string) => room.doc.getText('title').insert(room.doc.getText('title').length, text);
const titleOf = (room: CollabRoom) => room.doc.getText('title').toString();

let world: SyncWorld;
let ada: SyncDevice;
let ben: SyncDevice;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  world = new SyncWorld({ seed: 7 });
  ada = world.device('ada', ADA);
  ben = world.device('ben', BEN);
});

afterEach(async () => {
  await world.dispose();
  vi.useRealTimers();
});

describe('storage confirmation', () => {
  it('says "All changes synced" only after the relay has stored the change', async () => {
    const tab = ada.openTab();
    const room = tab.engine.rooms.acquire(ENTRY);
    await world.until(() => room.connection.getState().kind === 'connected', 10_000, 'connected');
    expect(statusText(room)).toBe('All changes synced');

    world.store.appendGate = deferred();
    type(room, 'hello');
    // Long enough for the debounced request to go out and reach the relay; the write is held.
    await world.run(2000);
    expect(world.store.appendCalls.length).toBeGreaterThan(0);
    expect(world.store.storedClock(ENTRY, room.doc.clientID)).toBe(0);
    expect(room.sync.getState()).toBe('unconfirmed');
    expect(statusText(room)).toBe('Syncing…');
    expect(tab.engine.ledger.isUnconfirmed(ENTRY)).toBe(true);

    world.store.appendGate.resolve();
    world.store.appendGate = null;
    await world.until(() => room.sync.getState() === 'confirmed', 10_000, 'confirmed');
    expect(world.store.storedClock(ENTRY, room.doc.clientID)).toBe(Y.getState(room.doc.store, room.doc.clientID));
    expect(statusText(room)).toBe('All changes synced');
    expect(tab.engine.ledger.isUnconfirmed(ENTRY)).toBe(false);
    // The device's mark is cleared too.
    await world.run(100);
    expect(ada.store.allRecords().find((r) => r.name === ENTRY)?.unconfirmed).toBe(false);
  });

  it('stays unconfirmed when the relay cannot store the change, and confirms after reconnecting', async () => {
    const tab = ada.openTab();
    const room = tab.engine.rooms.acquire(ENTRY);
    await world.until(() => room.connection.getState().kind === 'connected', 10_000, 'connected');
    world.store.failNextAppend = true;
    type(room, 'words');
    // The relay closes the socket with 4503; the provider reconnects and sends the words again.
    await world.until(() => room.sync.getState() === 'confirmed', 30_000, 'confirmed after the retry');
    expect(world.store.storedClock(ENTRY, room.doc.clientID)).toBe(Y.getState(room.doc.store, room.doc.clientID));
  });
});

describe('offline, then back online', () => {
  it('keeps changes on the device, says so, and syncs them when the network returns', async () => {
    const tab = ada.openTab();
    const room = tab.engine.rooms.acquire(ENTRY);
    await world.until(() => room.connection.getState().kind === 'connected', 10_000, 'connected');
    const partner = ben.openTab().engine.rooms.acquire(ENTRY);
    await world.until(() => partner.connection.getState().kind === 'connected', 10_000, 'partner connected');

    ada.setOnline(false);
    type(room, 'on a plane');
    await world.run(3000);
    expect(room.connection.getState().kind).toBe('offline');
    expect(statusText(room)).toBe('Offline: saved on this device');
    expect(titleOf(partner)).toBe('');
    const record = ada.store.allRecords().find((r) => r.name === ENTRY);
    expect(record?.unconfirmed).toBe(true);
    expect(tab.engine.hasChangesAtRisk()).toBe(true);

    type(partner, 'meanwhile ');
    await world.run(1000);
    ada.setOnline(true);
    await world.until(() => room.sync.getState() === 'confirmed' && titleOf(partner).includes('on a plane'), 30_000, 'merged');
    expect(titleOf(room)).toBe(titleOf(partner));
    expect(statusText(room)).toBe('All changes synced');
    // Once the cleared mark is written to the device too.
    await world.run(100);
    expect(tab.engine.hasChangesAtRisk()).toBe(false);
  });
});

describe('two tabs', () => {
  it('share one device store: a change one tab made offline is sent by the other', async () => {
    const first = ada.openTab();
    const room = first.engine.rooms.acquire(ENTRY);
    await world.until(() => room.connection.getState().kind === 'connected', 10_000, 'connected');
    ada.setOnline(false);
    type(room, 'from tab one');
    first.engine.rooms.release(ENTRY);
    // The grace period passes and the room closes, its copy on the device.
    await world.run(4000);
    expect(first.engine.rooms.isOpen(ENTRY)).toBe(false);

    const second = ada.openTab();
    await second.engine.loadMarks();
    expect(second.engine.ledger.isUnconfirmed(ENTRY)).toBe(true);
    ada.setOnline(true);
    const again = second.engine.rooms.acquire(ENTRY);
    await world.until(() => again.sync.getState() === 'confirmed', 30_000, 'confirmed by the second tab');
    expect(titleOf(again)).toBe('from tab one');
    expect(world.store.committed(ENTRY).getText('title').toString()).toBe('from tab one');
    expect(second.engine.ledger.isUnconfirmed(ENTRY)).toBe(false);
  });

  it('see each other’s typing through the relay, with no BroadcastChannel', async () => {
    const one = ada.openTab().engine.rooms.acquire(ENTRY);
    const two = ada.openTab().engine.rooms.acquire(ENTRY);
    await world.until(() => one.connection.getState().kind === 'connected' && two.connection.getState().kind === 'connected', 10_000, 'connected');
    type(one, 'left ');
    type(two, 'right');
    await world.until(() => titleOf(one) === titleOf(two) && titleOf(one).length === 10, 10_000, 'converged');
    await world.until(() => one.sync.getState() === 'confirmed' && two.sync.getState() === 'confirmed', 10_000, 'both confirmed');
  });
});

describe('unload spill', () => {
  it('keeps keystrokes typed just before the page went away, and stores them on the next load', async () => {
    const tab = ada.openTab();
    const room = tab.engine.rooms.acquire(ENTRY);
    await world.until(() => room.connection.getState().kind === 'connected', 10_000, 'connected');
    ada.setOnline(false);
    ada.store.holdWrites();
    type(room, 'last words');
    await world.run(100);
    expect(ada.store.heldWrites).toBeGreaterThan(0);
    tab.hide();
    tab.kill();
    expect(ada.store.storedUpdates(ENTRY).length).toBe(0);
    expect(ada.spill.length).toBe(1);

    ada.setOnline(true);
    const next = ada.openTab();
    const reopened = next.engine.rooms.acquire(ENTRY);
    await world.until(() => reopened.sync.getState() === 'confirmed', 30_000, 'confirmed');
    expect(titleOf(reopened)).toBe('last words');
    expect(ada.spill.length).toBe(0);
    expect(world.store.committed(ENTRY).getText('title').toString()).toBe('last words');
  });

  it('says the device could not keep them when localStorage refuses', async () => {
    const tab = ada.openTab();
    const room = tab.engine.rooms.acquire(ENTRY);
    await world.run(100);
    ada.store.holdWrites();
    ada.spill.refuse = true;
    type(room, 'x');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    tab.hide();
    expect(warn).toHaveBeenCalled();
    expect(room.local.available).toBe(false);
    warn.mockRestore();
  });
});

describe('dropped text', () => {
  /** A body with one paragraph holding `text`, the way the editor writes it. */
  function paragraph(doc: Y.Doc, text: string): void {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment('default').insert(0, [p]);
  }
  const bodyText = (doc: Y.Doc) => (doc.getXmlFragment('default').get(0) as Y.XmlElement | undefined)?.get(0)?.toString() ?? '';

  it('reports our unconfirmed words inside a paragraph the partner deleted, and not confirmed ones', async () => {
    const mine = ada.openTab().engine.rooms.acquire(ENTRY);
    const theirs = ben.openTab().engine.rooms.acquire(ENTRY);
    await world.until(() => mine.connection.getState().kind === 'connected' && theirs.connection.getState().kind === 'connected', 10_000, 'connected');
    paragraph(mine.doc, 'confirmed words');
    await world.until(() => mine.sync.getState() === 'confirmed' && bodyText(theirs.doc) === 'confirmed words', 10_000, 'first paragraph everywhere');

    const dropped: string[] = [];
    const stop = mine.watchDroppedText((blocks) => dropped.push(...blocks));
    ada.setOnline(false);
    const text = (mine.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, ' and new ones');
    theirs.doc.getXmlFragment('default').delete(0, 1);
    await world.run(1000);
    ada.setOnline(true);
    await world.until(() => mine.doc.getXmlFragment('default').length === 0, 30_000, 'the deletion arrived');
    expect(dropped).toEqual(['and new ones']);
    stop();
  });
});

describe('background sync', () => {
  async function partnerWritesEntries(count: number): Promise<string[]> {
    const engine = ben.openTab().engine;
    const index = engine.rooms.acquire(indexRoom(JOURNAL));
    await world.until(() => index.connection.getState().kind === 'connected', 10_000, 'partner index connected');
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      await world.run(10);
      const id = createEntry(index.doc, { id: BEN.userId, name: BEN.userName });
      ids.push(id);
      const entry = engine.rooms.acquire(entryRoom(JOURNAL, id), { presence: false });
      await world.until(() => entry.connection.getState().kind === 'connected', 10_000, 'entry connected');
      entry.doc.getText('title').insert(0, `entry ${i}`);
      await world.until(() => entry.sync.getState() === 'confirmed', 10_000, 'entry confirmed');
      engine.rooms.release(entryRoom(JOURNAL, id), { presence: false, immediate: true });
    }
    await world.until(() => index.sync.getState() === 'confirmed', 10_000, 'index confirmed');
    // Newest first, as the timeline lists them.
    return ids.reverse();
  }

  it('pushes unconfirmed documents first, then fetches the newest entries within the budget, newest first', async () => {
    const newestFirst = await partnerWritesEntries(5);
    const tab = ada.openTab({ budget: { maxEntries: 3, maxBytes: 50 * 1024 * 1024, concurrency: 1, docTimeoutMs: 20_000, minIntervalMs: 30_000 } });
    await tab.engine.loadMarks();
    // An old entry written offline on this device, closed since.
    ada.setOnline(false);
    const oldest = entryRoom(JOURNAL, newestFirst[4]);
    const offline = tab.engine.rooms.acquire(oldest, { presence: false });
    await world.run(100);
    offline.doc.getText('title').insert(0, 'offline ');
    tab.engine.rooms.release(oldest, { presence: false, immediate: true });
    await world.run(500);
    expect(tab.engine.ledger.isUnconfirmed(oldest)).toBe(true);
    ada.setOnline(true);

    const opensBefore = world.network.opened.length;
    const sync = tab.engine.keepJournal(JOURNAL, 0);
    await world.until(() => sync.passesDone >= 1, 120_000, 'one pass');
    const opened = world.network.opened.slice(opensBefore).filter((o) => o.startsWith(tab.id)).map((o) => o.split(' ')[1]);
    const entriesOpened = opened.filter((name) => name.includes('/entry-'));
    expect(entriesOpened).toEqual([oldest, ...newestFirst.slice(0, 3).map((id) => entryRoom(JOURNAL, id))]);
    expect(tab.engine.ledger.isUnconfirmed(oldest)).toBe(false);
    // Both wrote at the start of the title; which comes first depends on the client ids.
    const merged = world.store.committed(oldest).getText('title').toString();
    expect(merged.length).toBe('offline entry 0'.length);
    expect(merged).toContain('offline');
    expect(merged).toContain('entry 0');

    // Kept: the three newest. The old one is removed once confirmed, and entry 3 was never fetched.
    const kept = ada.store.allRecords().map((r) => r.name).filter((name) => name.includes('/entry-')).sort();
    expect(kept).toEqual(newestFirst.slice(0, 3).map((id) => entryRoom(JOURNAL, id)).sort());
    sync.stop();
  });

  it('stops fetching once the stored bytes are over budget', async () => {
    const newestFirst = await partnerWritesEntries(4);
    const tab = ada.openTab({ budget: { maxEntries: 100, maxBytes: 1, concurrency: 1, docTimeoutMs: 20_000, minIntervalMs: 30_000 } });
    await tab.engine.loadMarks();
    const sync = tab.engine.keepJournal(JOURNAL, 0);
    await world.until(() => sync.passesDone >= 1, 120_000, 'one pass');
    const opened = world.network.opened.filter((o) => o.startsWith(tab.id) && o.includes('/entry-')).map((o) => o.split(' ')[1]);
    // The first fetch already goes over one byte: nothing more is fetched, and nothing is kept.
    expect(opened).toEqual([entryRoom(JOURNAL, newestFirst[0])]);
    expect(ada.store.allRecords().filter((r) => r.name.includes('/entry-'))).toEqual([]);
    sync.stop();
  });
});

describe('logout wipe', () => {
  it('removes every document, mark and spill of the account, even a write still on its way', async () => {
    const tab = ada.openTab();
    await tab.engine.loadMarks();
    ada.setOnline(false);
    const room = tab.engine.rooms.acquire(ENTRY);
    await world.run(100);
    type(room, 'private');
    await world.run(100);
    ada.store.holdWrites();
    type(room, ' more');
    tab.hide();
    expect(ada.spill.length).toBe(1);
    expect(tab.engine.ledger.hasUnconfirmed()).toBe(true);

    tab.engine.rooms.disconnectAll();
    const wiped = tab.engine.wipeDevice();
    ada.store.releaseWrites();
    await wiped;
    tab.engine.rooms.release(ENTRY);
    await world.run(5000);
    expect(ada.store.allRecords()).toEqual([]);
    expect(ada.spill.length).toBe(0);
    expect(tab.engine.ledger.hasUnconfirmed()).toBe(false);
  });
});

describe('engines', () => {
  it('are independent: two in one process do not share rooms, nonces or marks', async () => {
    const one = ada.openTab().engine;
    const two = ben.openTab().engine;
    const a = one.rooms.acquire(ENTRY);
    const b = two.rooms.acquire(ENTRY);
    expect(a.doc).not.toBe(b.doc);
    await world.until(() => a.connection.getState().kind === 'connected' && b.connection.getState().kind === 'connected', 10_000, 'connected');
    type(a, 'one');
    await world.until(() => a.sync.getState() === 'confirmed' && titleOf(b) === 'one', 10_000, 'synced');
    expect(one.ledger.names()).toEqual([]);
    expect(two.ledger.names()).toEqual([]);
  });
});
