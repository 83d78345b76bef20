import * as Y from 'yjs';
import { isValidId, newId } from '../model/ids.js';
import { isOrderKey, keyBetween, needsRespacing, spacedKeys } from '../model/orderKeys.js';
import type { DocumentKind, DocumentRule, DocumentWriter } from './DocumentKind.js';
import type { DocumentShape } from './documentShape.js';
import { entryBody, entryTitle } from './entry.js';
import { emptyParagraph, paragraph } from './entryBlocks.js';
import { roomName } from './roomNames.js';

/**
 * The couple's bucket list (`<journalId>/bucket`): one per journal, written by
 * both, live and offline.
 *
 * One root, `items`: item id → a Y.Map with
 *   text           Y.Text, made with the item; both edit it, character by character
 *   category       one of `BUCKET_CATEGORIES`
 *   position       an order key (shared/model/orderKeys.ts); the list is sorted by it, then by id
 *   addedBy        user id, addedAt ms: written once, with the item, by its writer
 *   doneBy/doneAt  who ticked it and when (null while not done); always written together
 *   memoryEntryId  the entry "Make it a memory" made (null until then)
 *   removedBy/removedAt  who took it off the list and when (null while on it)
 *
 * Why this shape: every item is its own record under an id made on the device,
 * so two people adding at once (or offline) never collide; its text is a Y.Text,
 * so both can edit the same item and keep each other's words; order is a key
 * per item, so concurrent moves rewrite one key each and an item can never
 * appear twice; removing is a mark, so a partner's edit to an item the other
 * removed is kept (and Undo only clears the mark). Nothing is ever deleted from
 * `items`, which the relay's rule holds to.
 */
export const ITEMS_FIELD = 'items';

export const BUCKET_CATEGORIES = ['travel', 'food', 'adventures', 'small'] as const;
export type BucketCategory = (typeof BUCKET_CATEGORIES)[number];

export function isBucketCategory(value: unknown): value is BucketCategory {
  return typeof value === 'string' && (BUCKET_CATEGORIES as readonly string[]).includes(value);
}

export const ITEM_KEYS = {
  text: 'text',
  category: 'category',
  position: 'position',
  addedBy: 'addedBy',
  addedAt: 'addedAt',
  doneBy: 'doneBy',
  doneAt: 'doneAt',
  memoryEntryId: 'memoryEntryId',
  removedBy: 'removedBy',
  removedAt: 'removedAt',
} as const;

/** A wish is a line, not a page; the page's field stops at `ITEM_INPUT_CHARS`, the relay at this (two devices typing at once stay well inside). */
export const MAX_ITEM_CHARS = 1_000;
export const ITEM_INPUT_CHARS = 200;
/** Items ever added, removed ones included (they stay, marked). A lifetime of wishes; bounds the document. */
export const MAX_ITEMS = 1_000;

export interface BucketItem {
  id: string;
  text: string;
  category: BucketCategory;
  position: string;
  addedBy: string;
  addedAt: number;
  doneBy: string | null;
  doneAt: number | null;
  memoryEntryId: string | null;
  removedBy: string | null;
  removedAt: number | null;
}

export const itemsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ITEMS_FIELD);

// ---- Reading ----

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

function itemMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = itemsMap(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** A stamp (done, removed) as its two keys hold it: both set, or it is not there. */
function stamp(map: Y.Map<unknown>, byKey: string, atKey: string): { by: string; at: number } | null {
  const by = map.get(byKey);
  const at = map.get(atKey);
  return typeof by === 'string' && isTime(at) ? { by, at } : null;
}

function parseItem(id: string, value: unknown): BucketItem | null {
  // An id that is not one never becomes a key anyone acts on.
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const text = map.get(ITEM_KEYS.text);
  const position = map.get(ITEM_KEYS.position);
  const addedBy = map.get(ITEM_KEYS.addedBy);
  const addedAt = map.get(ITEM_KEYS.addedAt);
  if (!(text instanceof Y.Text) || !isOrderKey(position) || typeof addedBy !== 'string' || !isTime(addedAt)) return null;
  const category = map.get(ITEM_KEYS.category);
  const done = stamp(map, ITEM_KEYS.doneBy, ITEM_KEYS.doneAt);
  const removed = stamp(map, ITEM_KEYS.removedBy, ITEM_KEYS.removedAt);
  const memory = map.get(ITEM_KEYS.memoryEntryId);
  return {
    id,
    text: text.toString(),
    // A category from a newer version reads as the quietest one.
    category: isBucketCategory(category) ? category : 'small',
    position,
    addedBy,
    addedAt,
    doneBy: done?.by ?? null,
    doneAt: done?.at ?? null,
    memoryEntryId: typeof memory === 'string' && isValidId(memory) ? memory : null,
    removedBy: removed?.by ?? null,
    removedAt: removed?.at ?? null,
  };
}

const byOrder = (a: BucketItem, b: BucketItem) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every item, removed ones included, in the list's order (the same on every device). */
export function readItems(doc: Y.Doc): BucketItem[] {
  const items: BucketItem[] = [];
  for (const [id, value] of itemsMap(doc).entries()) {
    const item = parseItem(id, value);
    if (item) items.push(item);
  }
  return items.sort(byOrder);
}

/** One item as it is now, or null when there is no such item (or it is damaged). */
export function readItem(doc: Y.Doc, id: string): BucketItem | null {
  return parseItem(id, itemsMap(doc).get(id));
}

/** The item's words, to bind an editable field to. */
export function itemText(doc: Y.Doc, id: string): Y.Text | null {
  const text = itemMap(doc, id)?.get(ITEM_KEYS.text);
  return text instanceof Y.Text ? text : null;
}

/** The item an entry was made from ("Make it a memory"), or null: the link read the other way. */
export function itemOfMemory(doc: Y.Doc, entryId: string): BucketItem | null {
  return readItems(doc).find((item) => item.memoryEntryId === entryId) ?? null;
}

// ---- Writing (members) ----

/**
 * Adds an item at the top or the bottom of the list, under `by`, and returns
 * its id (made here, so it can be added offline). The whole record goes in in
 * one transaction, so nobody ever sees half an item.
 */
export function addItem(doc: Y.Doc, item: { text: string; category: BucketCategory; by: string }, where: 'top' | 'bottom' = 'top', now = Date.now()): string {
  const id = newId();
  doc.transact(() => {
    const items = readItems(doc);
    const position = where === 'top' ? keyBetween(null, items[0]?.position ?? null) : keyBetween(items.at(-1)?.position ?? null, null);
    const map = new Y.Map<unknown>();
    map.set(ITEM_KEYS.text, new Y.Text(item.text.slice(0, ITEM_INPUT_CHARS)));
    map.set(ITEM_KEYS.category, item.category);
    map.set(ITEM_KEYS.position, position);
    map.set(ITEM_KEYS.addedBy, item.by);
    map.set(ITEM_KEYS.addedAt, now);
    map.set(ITEM_KEYS.doneBy, null);
    map.set(ITEM_KEYS.doneAt, null);
    map.set(ITEM_KEYS.memoryEntryId, null);
    map.set(ITEM_KEYS.removedBy, null);
    map.set(ITEM_KEYS.removedAt, null);
    itemsMap(doc).set(id, map);
    if (needsRespacing(position)) respace(doc);
  });
  return id;
}

export function setCategory(doc: Y.Doc, id: string, category: BucketCategory): void {
  const map = itemMap(doc, id);
  if (map && map.get(ITEM_KEYS.category) !== category) map.set(ITEM_KEYS.category, category);
}

/** Ticks an item done as `by` (both keys in one transaction), or takes the tick back with null. */
export function setDone(doc: Y.Doc, id: string, by: string | null, now = Date.now()): void {
  const map = itemMap(doc, id);
  if (!map) return;
  doc.transact(() => {
    map.set(ITEM_KEYS.doneBy, by);
    map.set(ITEM_KEYS.doneAt, by === null ? null : now);
  });
}

/** Takes an item off the list as `by` (it stays in the document, marked), or puts it back with null. */
export function setRemoved(doc: Y.Doc, id: string, by: string | null, now = Date.now()): void {
  const map = itemMap(doc, id);
  if (!map) return;
  doc.transact(() => {
    map.set(ITEM_KEYS.removedBy, by);
    map.set(ITEM_KEYS.removedAt, by === null ? null : now);
  });
}

/** Records the entry "Make it a memory" made for an item. */
export function linkMemory(doc: Y.Doc, id: string, entryId: string): void {
  if (!isValidId(entryId)) throw new RangeError(`not an entry id: ${entryId}`);
  itemMap(doc, id)?.set(ITEM_KEYS.memoryEntryId, entryId);
}

/** Writes every item's position afresh, evenly spread, in the current order: when keys have grown long. */
function respace(doc: Y.Doc): void {
  const items = readItems(doc);
  const keys = spacedKeys(items.length);
  items.forEach((item, i) => itemMap(doc, item.id)?.set(ITEM_KEYS.position, keys[i]));
}

/**
 * Moves an item to sit after `after` and before `before` (ids of the items
 * around the place it was dropped; null at either end). Only the moved item's
 * key changes, except when its new neighbours share a key (two devices added
 * at the same end at once): then the items tied after the gap get keys of
 * their own too, keeping their order.
 */
export function moveItem(doc: Y.Doc, id: string, place: { after: string | null; before: string | null }): void {
  doc.transact(() => {
    const others = readItems(doc).filter((item) => item.id !== id);
    const low = place.after ? (others.find((item) => item.id === place.after)?.position ?? null) : null;
    let high = place.before ? (others.find((item) => item.id === place.before)?.position ?? null) : null;
    let tied: BucketItem[] = [];
    if (low !== null && high !== null && low >= high) {
      // Same key on both sides: the moved item and the tied items from `before` on go between `low` and the next key up.
      const from = others.findIndex((item) => item.id === place.before);
      tied = others.slice(from).filter((item) => item.position === low);
      high = others.find((item) => item.position > low)?.position ?? null;
    }
    let key = keyBetween(low, high);
    itemMap(doc, id)?.set(ITEM_KEYS.position, key);
    let longest = key;
    for (const item of tied) {
      key = keyBetween(key, high);
      itemMap(doc, item.id)?.set(ITEM_KEYS.position, key);
      longest = key;
    }
    if (needsRespacing(longest)) respace(doc);
  });
}

// ---- The relay's rule ----

type AnyType = Y.AbstractType<unknown>;

/** Keys an item is made with and never changes: who added it and when, and its text (edited inside, never replaced). */
const FIXED_KEYS = new Set<string>([ITEM_KEYS.text, ITEM_KEYS.addedBy, ITEM_KEYS.addedAt]);
const KNOWN_KEYS = new Set<string>(Object.values(ITEM_KEYS));

/** What is wrong with `value` written under `key` of `item` by `writer`, or null (`item` holds the values as they are now). */
function valueProblem(key: string, value: unknown, item: Y.Map<unknown>, writer: DocumentWriter): string | null {
  switch (key) {
    case ITEM_KEYS.category:
      return isBucketCategory(value) ? null : 'an item’s category is travel, food, adventures or small';
    case ITEM_KEYS.position:
      return isOrderKey(value) ? null : 'an item’s place in the list is an order key';
    case ITEM_KEYS.doneBy:
    case ITEM_KEYS.removedBy:
      return value === null || value === writer.userId ? null : 'you can tick off or remove an item only in your own name';
    case ITEM_KEYS.doneAt:
    case ITEM_KEYS.removedAt: {
      if (value === null) return null;
      const byKey = key === ITEM_KEYS.doneAt ? ITEM_KEYS.doneBy : ITEM_KEYS.removedBy;
      if (!isTime(value)) return 'a time is a number of milliseconds';
      return item.get(byKey) === writer.userId ? null : 'a time is recorded with its writer’s own name';
    }
    case ITEM_KEYS.memoryEntryId:
      return value === null || (typeof value === 'string' && isValidId(value)) ? null : 'a memory is an entry id';
    default:
      return `an item has no ${key}`;
  }
}

/** A name set means its time is set too (they are written together), so nobody is recorded without when. */
function stampProblem(item: Y.Map<unknown>, changed: ReadonlySet<string>): string | null {
  for (const [byKey, atKey] of [
    [ITEM_KEYS.doneBy, ITEM_KEYS.doneAt],
    [ITEM_KEYS.removedBy, ITEM_KEYS.removedAt],
  ] as const) {
    if (!changed.has(byKey) || item.get(byKey) === null) continue;
    if (!isTime(item.get(atKey))) return 'who ticked or removed an item is recorded with when';
  }
  return null;
}

/** Why a new item is not allowed for `writer`, or null. */
function newItemProblem(id: string, value: unknown, items: Y.Map<unknown>, writer: DocumentWriter): string | null {
  if (!isValidId(id)) return 'an item id is 8 to 64 letters, digits, _ or -';
  if (!(value instanceof Y.Map)) return 'an item is a map';
  if (items.size > MAX_ITEMS) return `the bucket list holds at most ${MAX_ITEMS.toLocaleString('en')} items`;
  const item = value as Y.Map<unknown>;
  if (item.get(ITEM_KEYS.addedBy) !== writer.userId) return 'an item is added under its writer’s own name';
  if (!isTime(item.get(ITEM_KEYS.addedAt))) return 'an item is added with the time it was added';
  const text = item.get(ITEM_KEYS.text);
  if (!(text instanceof Y.Text)) return 'an item is added with its text';
  const problem = textProblem(text);
  if (problem) return problem;
  if (!item.has(ITEM_KEYS.category) || !item.has(ITEM_KEYS.position)) return 'an item is added with its category and place';
  for (const [key, field] of item.entries()) {
    if (FIXED_KEYS.has(key)) continue;
    const fieldProblem = valueProblem(key, field, item, writer);
    if (fieldProblem) return fieldProblem;
  }
  return stampProblem(item, new Set(item.keys()));
}

/** An item's words: plain text (no formatting, nothing embedded), not too long. */
function textProblem(text: Y.Text): string | null {
  if (text.length > MAX_ITEM_CHARS) return `an item is at most ${MAX_ITEM_CHARS.toLocaleString('en')} characters`;
  for (const op of text.toDelta() as { insert?: unknown; attributes?: unknown }[]) {
    if (typeof op.insert !== 'string' || op.attributes !== undefined) return 'an item’s words are plain text';
  }
  return null;
}

/**
 * Both members add, edit, reorder, tick and remove, but: an item is added
 * under its writer's own id and time, and who added it never changes; done and
 * removed are recorded under the writer's own id; items are never deleted or
 * replaced (removing is a mark); ids, categories, order keys and entry ids are
 * well formed; the text stays plain and bounded; nothing else is written.
 * Every check reads the value the writer's own change left, so two honest
 * devices changing the same item at once are never refused.
 */
export const bucketRule: DocumentRule = {
  watch: (doc) => [itemsMap(doc)],
  check(events, doc, writer) {
    const items = itemsMap(doc);
    for (const event of events) {
      const target: AnyType = event.target;
      if (target === items) {
        for (const [key, change] of event.changes.keys) {
          if (change.action !== 'add') return 'items are never deleted or replaced; removing one marks it removed';
          const problem = newItemProblem(key, items.get(key), items, writer);
          if (problem) return problem;
        }
        continue;
      }
      const parent = target._item?.parent;
      if (target instanceof Y.Map && parent === items) {
        const changed = new Set<string>();
        for (const [key, change] of event.changes.keys) {
          if (FIXED_KEYS.has(key)) return key === ITEM_KEYS.text ? 'an item’s text is edited, never replaced' : 'who added an item, and when, never changes';
          if (!KNOWN_KEYS.has(key)) return `an item has no ${key}`;
          if (change.action === 'delete') return 'an item’s details are changed, never deleted';
          const problem = valueProblem(key, target.get(key), target, writer);
          if (problem) return problem;
          changed.add(key);
        }
        const problem = stampProblem(target, changed);
        if (problem) return problem;
        continue;
      }
      if (target instanceof Y.Text && parent instanceof Y.Map && parent._item?.parent === items && target._item?.parentSub === ITEM_KEYS.text) {
        const problem = textProblem(target);
        if (problem) return problem;
        continue;
      }
      return 'this is not part of the bucket list';
    }
    return null;
  },
  newRoot: (name) => (name === ITEMS_FIELD ? null : 'the bucket list holds its items and nothing else'),
};

// ---- The kind ----

/** Items (maps) holding their text: two types each, nested two deep. */
export const BUCKET_SHAPE: DocumentShape = {
  maxDepth: 2,
  maxTypesPerUpdate: 2 * MAX_ITEMS + 2,
  maxStructsPerUpdate: 50_000,
  // Room past MAX_ITEMS, so the rule's plainer refusal comes first.
  maxTypes: 2 * MAX_ITEMS + 100,
  maxRoots: 2,
  maxClientsPerUpdate: 256,
  // Every visit that changes something writes under a new client id: years of a shared list.
  maxClients: 100_000,
  nestedKinds: new Set(['map', 'text']),
};

export const bucketDocument: DocumentKind = {
  name: 'bucket',
  keyed: false,
  openTo: 'members',
  writtenBy: 'members',
  rule: bucketRule,
  shape: BUCKET_SHAPE,
};

export const bucketRoom = (journalId: string): string => roomName(bucketDocument, journalId);

// ---- "Make it a memory" ----

/**
 * Starts the entry "Make it a memory" makes: the item's words as its title,
 * the line saying when and who, and an empty line to write on. Only the
 * device that has just made the entry's id calls this, before anyone else can
 * know the id, so no two devices ever seed the same entry; and it writes
 * nothing into an entry that already holds something.
 */
export function writeMemoryStart(entry: Y.Doc, start: { title: string; line: string }): void {
  const title = entryTitle(entry);
  const body = entryBody(entry);
  if (title.length > 0 || body.length > 0) return;
  entry.transact(() => {
    title.insert(0, start.title);
    body.push([paragraph([{ text: start.line, italic: true }]), emptyParagraph()]);
  });
}
