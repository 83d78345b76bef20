import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addItem,
  bucketDocument,
  bucketRoom,
  bucketRule,
  ITEM_KEYS,
  itemOfMemory,
  itemText,
  itemsMap,
  linkMemory,
  MAX_ITEM_CHARS,
  MAX_ITEMS,
  moveItem,
  readItem,
  readItems,
  setCategory,
  setDone,
  setRemoved,
} from '#shared/documents/bucket.js';
import { DOCUMENTS } from '#shared/documents/registry.js';

const ada = { id: 'ada0000001', name: 'Ada' };
const ben = { id: 'ben0000001', name: 'Ben' };
type Who = typeof ada;
const writer = (who: Who) => ({ userId: who.id, userName: who.name });

/**
 * The relay's copy of a bucket list and each member's device. `send` applies
 * a member's unsent changes to the relay's copy the way the relay does
 * (watching the rule's types while applying, then judging new roots) and
 * returns what the rule says. The real relay then reloads from storage; here
 * each refusal is tested on a fresh list instead. `sync` brings both devices
 * up to the relay.
 */
function list() {
  const relay = new Y.Doc();
  const copies = new Map([
    [ada.id, new Y.Doc()],
    [ben.id, new Y.Doc()],
  ]);
  const copy = (who: Who) => copies.get(who.id)!;
  const sync = () => {
    for (const doc of copies.values()) Y.applyUpdate(doc, Y.encodeStateAsUpdate(relay));
  };
  const send = (who: Who): string | null => {
    const update = Y.encodeStateAsUpdate(copy(who), Y.encodeStateVector(relay));
    const watched = bucketRule.watch(relay);
    const rootsBefore = new Set(relay.share.keys());
    let problem: string | null = null;
    const review = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => (problem ??= bucketRule.check(events, relay, writer(who)));
    for (const type of watched) type.observeDeep(review);
    Y.applyUpdate(relay, update, who);
    for (const type of watched) type.unobserveDeep(review);
    for (const name of relay.share.keys()) if (!rootsBefore.has(name)) problem ??= bucketRule.newRoot!(name, relay, writer(who));
    return problem;
  };
  return { relay, copy, send, sync };
}

const texts = (doc: Y.Doc) => readItems(doc).map((item) => item.text);

describe('the bucket list document', () => {
  it('is one room per journal, read back by the registry', () => {
    expect(bucketRoom('journal001')).toBe('journal001/bucket');
    expect(DOCUMENTS.parse('journal001/bucket')).toEqual({ journalId: 'journal001', kind: bucketDocument, id: null });
    expect(DOCUMENTS.parse('journal001/bucket-x1234567')).toBeNull();
  });

  it('lets both add, edit the same words, recategorise, reorder, tick, remove and put back', () => {
    const { relay, copy, send, sync } = list();
    const lisbon = addItem(copy(ada), { text: 'Lisbon in spring', category: 'travel', by: ada.id }, 'top', 1_000);
    expect(send(ada)).toBeNull();
    sync();
    addItem(copy(ben), { text: 'Learn to make ramen', category: 'food', by: ben.id }, 'bottom', 2_000);
    itemText(copy(ben), lisbon)!.insert(0, 'Trams in ');
    expect(send(ben)).toBeNull();
    sync();
    itemText(copy(ada), lisbon)!.insert(itemText(copy(ada), lisbon)!.length, ', the two of us');
    setCategory(copy(ada), lisbon, 'adventures');
    expect(send(ada)).toBeNull();
    expect(texts(relay)).toEqual(['Trams in Lisbon in spring, the two of us', 'Learn to make ramen']);
    sync();

    const ramen = readItems(copy(ben))[1].id;
    moveItem(copy(ben), ramen, { after: null, before: lisbon });
    setDone(copy(ben), lisbon, ben.id, 3_000);
    expect(send(ben)).toBeNull();
    expect(texts(relay)).toEqual(['Learn to make ramen', 'Trams in Lisbon in spring, the two of us']);
    expect(readItem(relay, lisbon)).toMatchObject({ category: 'adventures', addedBy: ada.id, addedAt: 1_000, doneBy: ben.id, doneAt: 3_000 });
    sync();

    setRemoved(copy(ada), ramen, ada.id, 4_000);
    linkMemory(copy(ada), lisbon, 'entry000001');
    expect(send(ada)).toBeNull();
    expect(readItem(relay, ramen)).toMatchObject({ removedBy: ada.id, removedAt: 4_000 });
    expect(itemOfMemory(relay, 'entry000001')?.id).toBe(lisbon);
    sync();
    // Either may put an item back, or take back a tick.
    setRemoved(copy(ben), ramen, null);
    setDone(copy(ben), lisbon, null);
    expect(send(ben)).toBeNull();
    expect(readItem(relay, ramen)).toMatchObject({ removedBy: null, removedAt: null });
    expect(readItem(relay, lisbon)).toMatchObject({ doneBy: null, doneAt: null });
  });

  describe('refuses', () => {
    /** Ada has added one item, and both devices have it. */
    function withItem() {
      const world = list();
      const id = addItem(world.copy(ada), { text: 'See the northern lights', category: 'travel', by: ada.id }, 'top', 1_000);
      expect(world.send(ada)).toBeNull();
      world.sync();
      const item = (who: Who) => itemsMap(world.copy(who)).get(id) as Y.Map<unknown>;
      return { ...world, id, item };
    }

    it('an item added under the partner’s name', () => {
      const { copy, send } = list();
      addItem(copy(ben), { text: 'Ada wants to skydive', category: 'adventures', by: ada.id });
      expect(send(ben)).toMatch(/own name/);
    });

    it('rewriting who added an item, or when', () => {
      const one = withItem();
      one.item(ben).set(ITEM_KEYS.addedBy, ben.id);
      expect(one.send(ben)).toMatch(/who added an item/);
      const two = withItem();
      two.item(ben).set(ITEM_KEYS.addedAt, 5);
      expect(two.send(ben)).toMatch(/who added an item/);
    });

    it('a tick, or a removal, in the partner’s name, and a time put on the partner’s tick', () => {
      const one = withItem();
      setDone(one.copy(ben), one.id, ada.id, 2_000);
      expect(one.send(ben)).toMatch(/own name/);
      const two = withItem();
      setRemoved(two.copy(ben), two.id, ada.id, 2_000);
      expect(two.send(ben)).toMatch(/own name/);
      const three = withItem();
      setDone(three.copy(ada), three.id, ada.id, 2_000);
      expect(three.send(ada)).toBeNull();
      three.sync();
      three.item(ben).set(ITEM_KEYS.doneAt, 9_999);
      expect(three.send(ben)).toMatch(/own name/);
      const four = withItem();
      four.item(ben).set(ITEM_KEYS.doneBy, ben.id);
      expect(four.send(ben)).toMatch(/with when/);
    });

    it('deleting or replacing an item, or replacing its words', () => {
      const one = withItem();
      itemsMap(one.copy(ben)).delete(one.id);
      expect(one.send(ben)).toMatch(/never deleted or replaced/);
      const two = withItem();
      const forged = new Y.Map<unknown>();
      forged.set(ITEM_KEYS.addedBy, ben.id);
      itemsMap(two.copy(ben)).set(two.id, forged);
      expect(two.send(ben)).toMatch(/never deleted or replaced/);
      const three = withItem();
      three.item(ben).set(ITEM_KEYS.text, new Y.Text('Something else'));
      expect(three.send(ben)).toMatch(/edited, never replaced/);
      const four = withItem();
      four.item(ben).delete(ITEM_KEYS.category);
      expect(four.send(ben)).toMatch(/never deleted/);
    });

    it('ids, categories, places and memories that are not well formed, and unknown fields', () => {
      const badId = list();
      addItem(badId.copy(ada), { text: 'x', category: 'food', by: ada.id });
      const [id] = [...itemsMap(badId.copy(ada)).keys()];
      badId.copy(ada).transact(() => {
        const value = itemsMap(badId.copy(ada)).get(id) as Y.Map<unknown>;
        const clone = new Y.Map<unknown>();
        for (const [key, field] of value.entries()) clone.set(key, field instanceof Y.Text ? new Y.Text(field.toString()) : field);
        itemsMap(badId.copy(ada)).delete(id);
        itemsMap(badId.copy(ada)).set('../answer-x', clone);
      });
      expect(badId.send(ada)).toMatch(/item id/);

      const cases: [string, unknown, RegExp][] = [
        [ITEM_KEYS.category, 'chores', /category/],
        [ITEM_KEYS.position, 'not a key!', /order key/],
        [ITEM_KEYS.memoryEntryId, '../entry', /entry id/],
        ['secretNote', 'hello', /has no secretNote/],
      ];
      for (const [key, value, refusal] of cases) {
        const world = withItem();
        world.item(ben).set(key, value);
        expect(world.send(ben), key).toMatch(refusal);
      }
    });

    it('formatting, embeds or too many words in an item', () => {
      const one = withItem();
      itemText(one.copy(ben), one.id)!.format(0, 3, { bold: true });
      expect(one.send(ben)).toMatch(/plain text/);
      const two = withItem();
      itemText(two.copy(ben), two.id)!.insertEmbed(0, { image: 'x' });
      expect(two.send(ben)).toMatch(/plain text/);
      const three = withItem();
      itemText(three.copy(ben), three.id)!.insert(0, 'x'.repeat(MAX_ITEM_CHARS));
      expect(three.send(ben)).toMatch(/at most/);
    });

    it('other roots, and more items than a list holds', () => {
      const one = list();
      one.copy(ada).getMap('graffiti').set('x', 1);
      expect(one.send(ada)).toMatch(/nothing else/);
      const full = list();
      full.copy(ada).transact(() => {
        for (let i = 0; i <= MAX_ITEMS; i++) addItem(full.copy(ada), { text: `wish ${i}`, category: 'small', by: ada.id }, 'bottom');
      });
      expect(full.send(ada)).toMatch(/at most 1,000 items/);
    });
  });

  describe('two devices at once, offline', () => {
    it('never duplicates an item moved on both, and agrees on one order', () => {
      const { relay, copy, send, sync } = list();
      const ids = ['Cook a curry from scratch', 'Night swim', 'Plant a tree', 'Road trip north'].map((text) =>
        addItem(copy(ada), { text, category: 'small', by: ada.id }, 'bottom'),
      );
      expect(send(ada)).toBeNull();
      sync();
      // Both move the same item, to different places; and each moves another.
      moveItem(copy(ada), ids[3], { after: null, before: ids[0] });
      moveItem(copy(ben), ids[3], { after: ids[1], before: ids[2] });
      moveItem(copy(ben), ids[0], { after: ids[2], before: ids[3] });
      moveItem(copy(ada), ids[2], { after: ids[0], before: ids[1] });
      expect(send(ada)).toBeNull();
      expect(send(ben)).toBeNull();
      sync();
      const order = readItems(relay).map((item) => item.id);
      expect([...order].sort()).toEqual([...ids].sort());
      expect(readItems(copy(ada)).map((item) => item.id)).toEqual(order);
      expect(readItems(copy(ben)).map((item) => item.id)).toEqual(order);
    });

    it('keeps both ticks consistent, edits to a removed item, and items both added at the same end', () => {
      const { relay, copy, send, sync } = list();
      const id = addItem(copy(ada), { text: 'Dance in the kitchen', category: 'small', by: ada.id });
      expect(send(ada)).toBeNull();
      sync();
      setDone(copy(ada), id, ada.id, 10);
      setDone(copy(ben), id, ben.id, 20);
      setRemoved(copy(ada), id, ada.id, 30);
      itemText(copy(ben), id)!.insert(0, 'Slow ');
      const adaNew = addItem(copy(ada), { text: 'Ada’s new wish', category: 'food', by: ada.id }, 'bottom');
      const benNew = addItem(copy(ben), { text: 'Ben’s new wish', category: 'food', by: ben.id }, 'bottom');
      expect(send(ada)).toBeNull();
      expect(send(ben)).toBeNull();
      sync();
      const item = readItem(relay, id)!;
      // One tick won, whole: its name and its time belong together.
      expect([
        [ada.id, 10],
        [ben.id, 20],
      ]).toContainEqual([item.doneBy, item.doneAt]);
      expect(item.text).toBe('Slow Dance in the kitchen');
      expect(item.removedBy).toBe(ada.id);
      // Both new wishes took the same key; the id decides, the same everywhere, and a move between them still works.
      expect(readItem(relay, adaNew)!.position).toBe(readItem(relay, benNew)!.position);
      const [first, second] = readItems(relay).filter((i) => i.id === adaNew || i.id === benNew);
      moveItem(copy(ada), id, { after: first.id, before: second.id });
      expect(send(ada)).toBeNull();
      expect(readItems(relay).map((i) => i.id).slice(-3)).toEqual([first.id, id, second.id]);
    });
  });
});
