import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, bucketRoom, ITEM_KEYS, itemsMap, itemText, moveItem, readItem, readItems, setDone, setRemoved } from '#shared/documents/bucket.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { ApiClient } from '../helpers/apiClient.js';
import { nextClose, waitForDocs } from '../helpers/collabClient.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';
import { upgradeStatus } from '../helpers/rawSocket.js';

const sameState = (x: Y.Doc, y: Y.Doc) => Buffer.from(Y.encodeStateVector(x)).equals(Buffer.from(Y.encodeStateVector(y)));
const ids = (doc: Y.Doc) => readItems(doc).map((item) => item.id);
const texts = (doc: Y.Doc) => readItems(doc).map((item) => item.text);

describe('the bucket list through the real relay, with two stock providers', () => {
  let couple: CoupleOnRelay;
  let room: string;

  beforeEach(async () => {
    couple = await startCoupleOnRelay();
    room = bucketRoom(couple.journalId);
  });
  afterEach(() => couple.close());

  /** Ada's and Ben's devices on the list, synced, holding `seed` added by Ada. */
  async function both(seed: string[] = []) {
    const ada = await couple.openSynced(room, couple.a);
    const ben = await couple.openSynced(room, couple.b);
    for (const text of seed) addItem(ada.doc, { text, category: 'travel', by: couple.ada }, 'bottom');
    await waitForDocs([ada.doc, ben.doc], () => readItems(ben.doc).length === seed.length && sameState(ada.doc, ben.doc));
    return { ada, ben };
  }

  /** Waits until both devices and the relay (seen by a new connection) hold the same list. */
  async function settled(a: Y.Doc, b: Y.Doc) {
    await waitForDocs([a, b], () => sameState(a, b));
    const probe = await couple.relayHas(room, couple.a, (doc) => sameState(doc, a));
    return probe.doc;
  }

  it('takes changes from both at the same moment: adds, edits of the same words, moves and ticks', async () => {
    const { ada, ben } = await both(['Lisbon in spring', 'Northern lights']);
    const [lisbon, lights] = ids(ada.doc);
    // All in the same tick: neither device has heard of the other's change when it makes its own.
    addItem(ada.doc, { text: 'Pasta from scratch', category: 'food', by: couple.ada });
    addItem(ben.doc, { text: 'Night swim', category: 'adventures', by: couple.ben });
    itemText(ada.doc, lisbon)!.insert('Lisbon in spring'.length, ', by tram');
    itemText(ben.doc, lisbon)!.insert(0, 'Slow days in ');
    moveItem(ada.doc, lights, { after: null, before: lisbon });
    moveItem(ben.doc, lights, { after: lisbon, before: null });
    setDone(ben.doc, lisbon, couple.ben);

    const relay = await settled(ada.doc, ben.doc);
    for (const doc of [ada.doc, ben.doc, relay]) {
      expect(texts(doc)).toHaveLength(4);
      expect(ids(doc)).toEqual(ids(ada.doc));
      expect(readItem(doc, lisbon)).toMatchObject({ text: 'Slow days in Lisbon in spring, by tram', doneBy: couple.ben, addedBy: couple.ada });
    }
    expect(new Set(texts(relay))).toEqual(new Set(['Slow days in Lisbon in spring, by tram', 'Northern lights', 'Pasta from scratch', 'Night swim']));
  });

  it('loses and duplicates nothing when one is offline while both change, and agrees on one order after', async () => {
    const { ada, ben } = await both(['Cook a curry', 'Plant a tree', 'Road trip north', 'Stargazing', 'Learn to tango']);
    const [curry, tree, road, stars, tango] = ids(ada.doc);
    // Ben's device loses the network: its socket is gone at once, and what either does stays on their own device.
    ben.provider.disconnect();
    expect(ben.provider.wsconnected).toBe(false);

    // Ada, online: moves, edits, ticks, removes, adds.
    moveItem(ada.doc, tango, { after: null, before: curry });
    moveItem(ada.doc, road, { after: tree, before: stars });
    itemText(ada.doc, tree)!.insert(0, 'Together: ');
    setDone(ada.doc, stars, couple.ada);
    setRemoved(ada.doc, curry, couple.ada);
    addItem(ada.doc, { text: 'Ada’s offline-time wish', category: 'small', by: couple.ada }, 'top');
    // Ben, offline: moves the same items elsewhere, edits the item Ada removed, ticks the same one, adds two.
    moveItem(ben.doc, tango, { after: stars, before: null });
    moveItem(ben.doc, road, { after: null, before: curry });
    itemText(ben.doc, curry)!.insert('Cook a curry'.length, ' from scratch');
    setDone(ben.doc, stars, couple.ben);
    addItem(ben.doc, { text: 'Ben’s first offline wish', category: 'food', by: couple.ben }, 'top');
    addItem(ben.doc, { text: 'Ben’s second offline wish', category: 'food', by: couple.ben }, 'bottom');

    ben.provider.connect();
    const relay = await settled(ada.doc, ben.doc);

    const order = ids(relay);
    // Every item once: the five, Ada's one and Ben's two.
    expect(order).toHaveLength(8);
    expect(new Set(order).size).toBe(8);
    expect(ids(ada.doc)).toEqual(order);
    expect(ids(ben.doc)).toEqual(order);
    // The edit to the item Ada removed is kept (and Undo would bring it back with it).
    expect(readItem(relay, curry)).toMatchObject({ text: 'Cook a curry from scratch', removedBy: couple.ada });
    expect(readItem(relay, tree)!.text).toBe('Together: Plant a tree');
    // One tick won, whole.
    const star = readItem(relay, stars)!;
    expect([couple.ada, couple.ben]).toContain(star.doneBy);
    expect(star.doneAt).not.toBeNull();
  });

  describe('refuses through the relay (4406), keeping nothing of the change', () => {
    async function refused(change: (ben: Y.Doc, first: string) => void, code: number = CloseCode.ForbiddenChange) {
      const { ben } = await both(['Lisbon in spring']);
      const [first] = ids(ben.doc);
      const closed = nextClose(ben.provider);
      change(ben.doc, first);
      expect((await closed).code).toBe(code);
      const again = await couple.openSynced(room, couple.b);
      return again.doc;
    }

    it('an item added in the partner’s name', async () => {
      const doc = await refused((ben) => addItem(ben, { text: 'Ada wants to skydive', category: 'adventures', by: couple.ada }));
      expect(texts(doc)).toEqual(['Lisbon in spring']);
    });

    it('a new name on who added an item', async () => {
      const doc = await refused((ben, first) => (itemsMap(ben).get(first) as Y.Map<unknown>).set(ITEM_KEYS.addedBy, couple.ben));
      expect(readItem(doc, ids(doc)[0])!.addedBy).toBe(couple.ada);
    });

    it('a tick in the partner’s name', async () => {
      const doc = await refused((ben, first) => setDone(ben, first, couple.ada));
      expect(readItem(doc, ids(doc)[0])!.doneBy).toBeNull();
    });

    it('deleting an item outright', async () => {
      const doc = await refused((ben, first) => itemsMap(ben).delete(first));
      expect(texts(doc)).toEqual(['Lisbon in spring']);
    });

    it('an item whose id could point elsewhere', async () => {
      const doc = await refused((ben) => {
        const item = new Y.Map<unknown>();
        item.set(ITEM_KEYS.text, new Y.Text('sneaky'));
        item.set(ITEM_KEYS.category, 'travel');
        item.set(ITEM_KEYS.position, 'V');
        item.set(ITEM_KEYS.addedBy, couple.ben);
        item.set(ITEM_KEYS.addedAt, Date.now());
        itemsMap(ben).set('x/../index', item);
      });
      expect(texts(doc)).toEqual(['Lisbon in spring']);
    });

    it('anything beyond the list’s shape (4422)', async () => {
      const doc = await refused((ben, first) => (itemsMap(ben).get(first) as Y.Map<unknown>).set('nested', new Y.Array()), CloseCode.DocumentShape);
      expect(texts(doc)).toEqual(['Lisbon in spring']);
    });
  });

  it('opens only to the journal’s members', async () => {
    const stranger = new ApiClient(couple.server.url);
    await stranger.signUp('Cleo');
    expect(await upgradeStatus(`${couple.server.wsUrl}/${room}`, stranger.cookie)).toBe(403);
    expect(await upgradeStatus(`${couple.server.wsUrl}/${room}`, null)).toBe(401);
    expect(await upgradeStatus(`${couple.server.wsUrl}/${room}`, couple.b.cookie)).toBe(101);
  });
});
