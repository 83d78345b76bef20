import * as Y from 'yjs';
import type { DocumentShape, SharedTypeKind } from '#shared/documents/documentShape.js';

/**
 * What the relay may do with a client's update, decided before Yjs applies it:
 * - `apply`: it integrates completely; `writers` are the Yjs client ids it
 *   writes new structs under (each the sender's, or no one's yet: the room
 *   binds those not yet bound in this document to the sender);
 *   `freshStructs` counts the structs the document lacks (0: it only deletes, or repeats);
 *   `freshContent` counts those that are not formatting (a mark set or taken
 *   off), plus the roots the update would create: 0 when it only formats;
 *   `deletes` is its delete set.
 * - `wait`: it depends on changes the document does not have yet (Yjs would
 *   park it in memory, unstored). `needs` maps a client id to the clock the
 *   document must reach (its state vector entry) before the update can apply.
 * - `refuse`: it writes under someone else's client id, or breaks the shape.
 */
export type Inspection =
  | { verdict: 'apply'; writers: number[]; newTypes: number; freshStructs: number; freshContent: number; deletes: DeleteSet }
  | { verdict: 'wait'; needs: Map<number, number> }
  | { verdict: 'refuse'; problem: 'owner' | 'shape' | 'outOfOrder'; reason: string };

/** The delete set of an update, as Yjs decodes it: per client id, ranges of clocks. */
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** An honest update waits on a few writers' changes; more than this is a crafted one. */
const MAX_NEEDED_CLIENTS = 64;

function kindOf(type: Y.AbstractType<unknown>): SharedTypeKind | null {
  // Subclasses first: XmlText is a Text, XmlElement an XmlFragment, XmlHook a Map.
  if (type instanceof Y.XmlText) return 'xmlText';
  if (type instanceof Y.XmlElement) return 'xmlElement';
  if (type instanceof Y.XmlHook) return 'xmlHook';
  if (type instanceof Y.XmlFragment) return 'xmlFragment';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Array) return 'array';
  return null;
}

/** How many shared types a type sits below its root (a root is 0), counting at most `limit + 1`. */
function depthInDoc(type: Y.AbstractType<unknown>, limit: number): number {
  let depth = 0;
  for (let t = type; t._item !== null && depth <= limit; depth++) t = t._item.parent as Y.AbstractType<unknown>;
  return depth;
}

/** Finds the struct holding `clock` in a list sorted by clock, or null. */
function structAt<T extends Y.Item | Y.GC | Y.Skip>(list: readonly T[] | undefined, clock: number): T | null {
  if (!list) return null;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return null;
}

/**
 * Decides, without changing `doc`, whether `update` can be applied to it.
 * Linear in the update's size: no step looks at more of the document than the
 * ancestors (at most `shape.maxDepth`) of the types the update touches.
 * Throws when the update cannot be decoded.
 */
export function inspectUpdate(
  update: Uint8Array,
  doc: Y.Doc,
  shape: DocumentShape,
  ownerOf: (client: number) => string | undefined,
  sender: string,
  /** Nested types in the document: a cached count, and a way to count afresh (types get deleted). */
  typesInDoc: { cached: number; recount(): number },
): Inspection {
  const refuse = (reason: string): Inspection => ({ verdict: 'refuse', problem: 'shape', reason });
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length > shape.maxStructsPerUpdate) return refuse('the update carries too many separate changes; send it in parts');
  const store = doc.store;

  // Yjs applies only the last block of structs it reads for a client id, while
  // decodeUpdate lists them all: an update that names a client twice could
  // show the checks one block and have Yjs apply another. Yjs never encodes that.
  // And Yjs creates every root type an item names while it reads the update,
  // even for items it then skips as known, so roots are counted over all items.
  const blocks = new Set<number>();
  const unknownRoots = new Set<string>();
  let previous: number | null = null;
  let previousEnd = 0;
  for (const s of structs) {
    const client = s.id.client;
    // Within a block a client's structs follow each other without a break; a
    // break, or the client again after another, starts a second block.
    if (client !== previous || s.id.clock !== previousEnd) {
      if (blocks.has(client)) return refuse('the update names one client in two places');
      blocks.add(client);
      previous = client;
    }
    previousEnd = s.id.clock + s.length;
    if (s instanceof Y.Item && typeof s.parent === 'string' && !doc.share.has(s.parent)) unknownRoots.add(s.parent);
  }
  if (doc.share.size + unknownRoots.size > shape.maxRoots) return refuse('too many top-level types for this document');

  // How far each client's structs reach: the document's state, extended by what
  // the update continues without a gap. Anything past a gap would be parked.
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(store, client);
  const needs = new Map<number, number>();
  const need = (client: number, state: number) => {
    if ((needs.get(client) ?? -1) < state) needs.set(client, state);
  };
  const fresh: (Y.Item | Y.GC)[] = [];
  const freshByClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const s of structs) {
    const client = s.id.client;
    const at = reachOf(client);
    const end = s.id.clock + s.length;
    if (s instanceof Y.Skip || end <= at) continue;
    if (s.id.clock > at) {
      need(client, s.id.clock);
      continue;
    }
    reach.set(client, end);
    fresh.push(s);
    let list = freshByClient.get(client);
    if (!list) freshByClient.set(client, (list = []));
    list.push(s);
  }
  const known = (id: Y.ID) => id.clock < reachOf(id.client);
  for (const s of fresh) {
    if (!(s instanceof Y.Item)) continue;
    for (const ref of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
      if (!ref) continue;
      // A client's items can only refer to its own earlier ones; Yjs throws on anything else.
      if (ref.client === s.id.client && ref.clock >= s.id.clock) return refuse('the update refers to a change that comes after it');
      if (!known(ref)) need(ref.client, ref.clock + 1);
    }
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      if (range.clock + range.len > reachOf(client)) need(client, range.clock + range.len);
    }
  }
  if (needs.size > MAX_NEEDED_CLIENTS) return { verdict: 'refuse', problem: 'outOfOrder', reason: 'the update depends on changes of too many others; reconnect and sync' };
  if (needs.size > 0) return { verdict: 'wait', needs };

  let unseen = 0;
  for (const client of freshByClient.keys()) if (!store.clients.has(client)) unseen++;
  if (unseen > shape.maxClientsPerUpdate) return refuse('the update writes under too many new client ids');
  if (store.clients.size + unseen > shape.maxClients) return refuse('the document has had too many writers');

  const writers = [...freshByClient.keys()];
  for (const client of writers) {
    const owner = ownerOf(client);
    if (owner !== undefined && owner !== sender) return { verdict: 'refuse', problem: 'owner', reason: 'the update writes under a Yjs client id that belongs to another person' };
  }

  const typeItems = new Set<Y.Item>();
  for (const s of fresh) {
    if (!(s instanceof Y.Item)) continue;
    if (s.content instanceof Y.ContentDoc) return refuse('subdocuments are not part of any Duet document');
    if (!(s.content instanceof Y.ContentType)) continue;
    const kind = kindOf(s.content.type as Y.AbstractType<unknown>);
    if (!kind || !shape.nestedKinds.has(kind)) return refuse(`this document does not hold nested ${kind ?? 'unknown'} types`);
    typeItems.add(s);
  }
  if (typeItems.size > shape.maxTypesPerUpdate) return refuse('the update creates too many nested types');
  if (typesInDoc.cached + typeItems.size > shape.maxTypes && typesInDoc.recount() + typeItems.size > shape.maxTypes) {
    return refuse('the document would hold too many nested types');
  }

  // The depth of every new type. An item's parent is named by the id of the
  // item holding the parent type, or (when it has an origin) inherited from
  // its origin: both may point into the update or into the document. Resolved
  // by walking those links iteratively with memoization, so a long chain costs
  // one pass and a crafted cycle is caught rather than looping.
  const parentDepth = new Map<Y.Item, number>();
  const limit = shape.maxDepth;
  const resolve = (start: Y.Item): number | null => {
    const path: { item: Y.Item; step: number }[] = [];
    let item: Y.Item = start;
    let base: number;
    for (;;) {
      const memo = parentDepth.get(item);
      if (memo !== undefined) {
        base = memo;
        break;
      }
      // A walk longer than the update has items has gone round a cycle.
      if (path.length > fresh.length) return null;
      const parent = item.parent;
      if (typeof parent === 'string') {
        path.push({ item, step: 0 });
        base = 0;
        break;
      }
      // The next link: the parent type's item (one level up) or the origin (same level).
      const link = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin);
      const step = parent instanceof Y.ID ? 1 : 0;
      path.push({ item, step });
      if (!link) {
        base = -1; // no parent information: Yjs would drop it; it nests nothing
        break;
      }
      const inUpdate = link.clock >= Y.getState(store, link.client) ? structAt(freshByClient.get(link.client), link.clock) : null;
      if (inUpdate instanceof Y.Item) {
        if (step === 1 && !typeItems.has(inUpdate)) return null;
        item = inUpdate;
        continue;
      }
      const inDoc = inUpdate ? null : (Y.getItem(store, link) as Y.Item | Y.GC);
      if (!(inDoc instanceof Y.Item)) {
        base = -1 - step; // a collected item: Yjs turns what hangs on it into garbage too
        break;
      }
      if (step === 1) {
        // A parent deleted (and collected) meanwhile, as when the partner removed the paragraph
        // being typed in: Yjs drops what hangs on it, like garbage.
        if (inDoc.content instanceof Y.ContentDeleted) {
          base = -1 - step;
          break;
        }
        if (!(inDoc.content instanceof Y.ContentType)) return null;
        base = depthInDoc(inDoc.content.type as Y.AbstractType<unknown>, limit) - 1;
      } else base = depthInDoc(inDoc.parent as Y.AbstractType<unknown>, limit);
      break;
    }
    // Unwind: each step up the path adds its level.
    let depth = base;
    for (let i = path.length - 1; i >= 0; i--) {
      depth += path[i].step;
      parentDepth.set(path[i].item, depth);
    }
    return parentDepth.get(start) ?? depth;
  };
  for (const item of typeItems.values()) {
    const above = resolve(item);
    if (above === null) return refuse('the update names a parent that is not a shared type');
    if (above + 1 > limit) return refuse(`shared types nest deeper than ${limit} levels`);
  }
  // Formatting is an item of its own in Yjs (ContentFormat); everything else adds or replaces content.
  const formatting = fresh.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentFormat).length;
  const freshContent = fresh.length - formatting + unknownRoots.size;
  return { verdict: 'apply', writers, newTypes: typeItems.size, freshStructs: fresh.length, freshContent, deletes: ds };
}
