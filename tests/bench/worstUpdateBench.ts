/**
 * The costliest updates the relay accepts, handled as the relay does: the
 * check before applying (inspectUpdate), then Y.applyUpdate. Each is compared
 * with a bare Y.applyUpdate of the same bytes, the least any Yjs server pays.
 * Before the checks existed, 6,000 levels of nesting in a 72 KB frame froze the
 * server for seconds (the cost grew with the square of the depth); now depth
 * and type counts are bounded per kind of document (each kind's `shape` in shared/documents/).
 */
import * as Y from 'yjs';
import { ENTRY_SHAPE } from '#shared/documents/entry.js';
import { MAX_MESSAGE_BYTES } from '#shared/protocol/limits.js';
import { inspectUpdate } from '../../server/relay/inspectUpdate.js';
import { median } from './benchTargets.js';
import { seededRandom } from '../helpers/seededRandom.js';

/** The editor's deepest allowed nesting, with the rest of one update's type budget as leaves at the bottom. */
function deepestEntry(): { create: Uint8Array; touch: Uint8Array } {
  const doc = new Y.Doc();
  let bottom: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('default');
  doc.transact(() => {
    for (let i = 1; i < ENTRY_SHAPE.maxDepth; i++) {
      const child: Y.XmlElement = new Y.XmlElement('blockquote');
      bottom.insert(0, [child]);
      bottom = child;
    }
    const leaves = ENTRY_SHAPE.maxTypesPerUpdate - ENTRY_SHAPE.maxDepth;
    bottom.insert(0, Array.from({ length: leaves }, () => new Y.XmlText()));
  });
  const create = Y.encodeStateAsUpdate(doc);
  const before = Y.encodeStateVector(doc);
  const deepest = bottom;
  doc.transact(() => {
    for (const leaf of deepest.toArray()) (leaf as Y.XmlText).insert(0, 'b');
  });
  return { create, touch: Y.encodeStateAsUpdate(doc, before) };
}

/** Single characters typed at scattered places, as many structs as one update may carry: the most work per byte. */
function scatteredText(): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText('title');
  const random = seededRandom(5);
  // An insert inside a run splits it in two, so inserts make up to two structs each.
  let update = Y.encodeStateAsUpdate(doc);
  for (;;) {
    doc.transact(() => {
      for (let i = 0; i < 1000; i++) text.insert(Math.floor(random() * (text.length + 1)), 'x');
    });
    const next = Y.encodeStateAsUpdate(doc);
    if (Y.decodeUpdate(next).structs.length > ENTRY_SHAPE.maxStructsPerUpdate) return update;
    update = next;
  }
}

/** A frame as large as the relay takes, of scattered characters: refused, but only after it is decoded. */
function refusedFrame(): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText('title');
  const random = seededRandom(6);
  let update = Y.encodeStateAsUpdate(doc);
  while (update.byteLength < MAX_MESSAGE_BYTES * 0.9) {
    doc.transact(() => {
      for (let i = 0; i < 20_000; i++) text.insert(Math.floor(random() * (text.length + 1)), 'x');
    });
    update = Y.encodeStateAsUpdate(doc);
  }
  return update;
}

function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Median over rounds of [relay's handling, bare apply] in ms; `base` is applied first (the state the update lands on). */
function measure(update: Uint8Array, base: Uint8Array | null, rounds = 5): [number, number] {
  const relay: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const fresh = () => {
      const doc = new Y.Doc();
      if (base) Y.applyUpdate(doc, base);
      return doc;
    };
    const room = fresh();
    relay.push(
      timeMs(() => {
        const verdict = inspectUpdate(update, room, ENTRY_SHAPE, () => undefined, 'ada', { cached: 0, recount: () => 0 });
        if (verdict.verdict !== 'apply') throw new Error(`the bench's update was refused: ${JSON.stringify(verdict)}`);
        Y.applyUpdate(room, update);
      }),
    );
    const plain = fresh();
    bare.push(timeMs(() => Y.applyUpdate(plain, update)));
  }
  return [median(relay), median(bare)];
}

export async function runWorstUpdateBench(): Promise<string> {
  const { create, touch } = deepestEntry();
  const scattered = scatteredText();
  const rows: [string, Uint8Array, Uint8Array | null][] = [
    [`${ENTRY_SHAPE.maxTypesPerUpdate.toLocaleString('en')} nested types, ${ENTRY_SHAPE.maxDepth} deep (the most one update may create)`, create, null],
    ['one character into each of those 20,000 leaves', touch, create],
    [`${ENTRY_SHAPE.maxStructsPerUpdate.toLocaleString('en')} structs of single characters typed at scattered places (the most one update may carry)`, scattered, null],
  ];
  const lines = rows.map(([label, update, base]) => {
    const [relay, bare] = measure(update, base);
    return `| ${label} | ${(update.byteLength / 1024).toFixed(0)} KB | ${relay.toFixed(0)} ms | ${bare.toFixed(0)} ms | ${(relay / bare).toFixed(1)}× |`;
  });
  const refused = refusedFrame();
  const refusal = median(
    Array.from({ length: 3 }, () =>
      timeMs(() => {
        if (inspectUpdate(refused, new Y.Doc(), ENTRY_SHAPE, () => undefined, 'ada', { cached: 0, recount: () => 0 }).verdict !== 'refuse') throw new Error('expected a refusal');
      }),
    ),
  );
  const refusedBare = median(Array.from({ length: 3 }, () => timeMs(() => Y.applyUpdate(new Y.Doc(), refused))));
  return `## Worst accepted updates

The costliest updates an entry room accepts, checked and applied as the relay does, against a bare
\`Y.applyUpdate\` of the same bytes (medians of 5). The relay blocks its event loop for this long once
per such frame; the per-person budget (1 MiB a second, \`USER_RATE\`) bounds how often.

| update | size | relay (check + apply) | bare apply | ratio |
| --- | --- | --- | --- | --- |
${lines.join('\n')}

A 4 MiB frame of scattered characters (${(refused.byteLength / 1024).toFixed(0)} KB) is refused after decoding, in ${refusal.toFixed(0)} ms; a
server that applied it would spend ${refusedBare.toFixed(0)} ms.
`;
}
