/**
 * Offline convergence: two partners each make 1,000 edits to one entry while
 * offline, then reconnect; how long until both hold the same document.
 */
import * as Y from 'yjs';
import { ENTRY_BODY_FIELD, entrySchema } from '#shared/schema/entryContent.js';
import { waitForDocs } from '../helpers/collabClient.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';
import { randomEdit } from '../helpers/randomEdits.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { type Target, allTargets, median } from './benchTargets.js';

const EDITS = 1000;
const ROUNDS = 3;

async function convergeAfterOffline(target: Target, round: number): Promise<{ ms: number; bytes: number }> {
  const schema = entrySchema();
  const [docA, docB] = [new Y.Doc(), new Y.Doc()];
  const a = target.provider(round, docA);
  const b = target.provider(round, docB);
  await Promise.all([a.synced, b.synced]);
  const editorA = new HeadlessEditor(docA, schema);
  editorA.apply((state) =>
    state.tr.replaceWith(0, state.doc.content.size, [0, 1, 2, 3, 4].map((i) => schema.nodes.paragraph.create(null, schema.text(`start ${i}`)))),
  );
  const fragment = (doc: Y.Doc) => doc.getXmlFragment(ENTRY_BODY_FIELD);
  await waitForDocs([docB], () => fragment(docB).length === 5);
  const editorB = new HeadlessEditor(docB, schema);

  await Promise.all([a.disconnect(), b.disconnect()]);
  const randomA = seededRandom(round * 31 + 1);
  const randomB = seededRandom(round * 31 + 2);
  for (let i = 0; i < EDITS; i++) {
    randomEdit(editorA, randomA, `[a${i}]`);
    randomEdit(editorB, randomB, `[b${i}]`);
  }
  const bytes = Y.encodeStateAsUpdate(docA).length + Y.encodeStateAsUpdate(docB).length;
  const same = () =>
    Y.encodeStateVector(docA).toString() === Y.encodeStateVector(docB).toString() && fragment(docA).toJSON() === fragment(docB).toJSON();
  const started = performance.now();
  a.connect();
  b.connect();
  await waitForDocs([docA, docB], same);
  const ms = performance.now() - started;
  a.destroy();
  b.destroy();
  return { ms, bytes };
}

/** Runs the scenario against every server and returns its section of docs/benchmarks.md. */
export async function runOfflineMergeBench(): Promise<string> {
  const results = new Map<string, number[]>();
  let bytes = 0;
  for (const make of allTargets) {
    const target = await make();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const run = await convergeAfterOffline(target, round);
        bytes = run.bytes;
        results.set(target.name, [...(results.get(target.name) ?? []), run.ms]);
        process.stdout.write(`offline merge, ${target.name}: ${run.ms.toFixed(0)} ms\n`);
      }
    } finally {
      await target.stop();
    }
  }
  const rows = [...results].map(([name, times]) => ({ name, ms: median(times) }));
  const duet = rows.find((r) => r.name.startsWith('Duet'))!;
  return `## Offline edits converging after reconnect

Two partners share an entry of five paragraphs, go offline, and each makes ${EDITS} random edits through
y-tiptap exactly as the editor writes them (typing, deleting, splitting and joining paragraphs, bold
and italic, headings, lists, task lists; seeded). Timed from both reconnecting until both hold the
same document. The two offline documents together encode to about ${(bytes / 1024).toFixed(0)} KiB. Median of ${ROUNDS} rounds.

| server | time to converge |
| --- | --- |
${rows.map((r) => `| ${r.name} | ${r.ms.toFixed(0)} ms |`).join('\n')}

${rows
  .filter((r) => r !== duet)
  .map((peer) => `- Duet ÷ ${peer.name}: **${(duet.ms / peer.ms).toFixed(2)}×** (lower is better)`)
  .join('\n')}
`;
}
