import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import { ENTRY_BODY_FIELD, entrySchema } from '#shared/schema/entryContent.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, waitForDoc, waitForDocs } from '../helpers/collabClient.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';
import { randomEdit } from '../helpers/randomEdits.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const schema = entrySchema();
const TOKEN = /\[[ab]\d+\]/g;
const typeId = (type: Y.XmlText | Y.XmlElement) => (type._item ? `${type._item.id.client}:${type._item.id.clock}` : 'root');

interface TextRun {
  text: string;
  /** The Y ids of the text node and every element around it. */
  chain: string[];
}

/** Every text node of a body with the ids of its ancestors, in document order. */
function textRuns(fragment: Y.XmlFragment): TextRun[] {
  const runs: TextRun[] = [];
  const walk = (type: Y.XmlFragment | Y.XmlElement, chain: string[]) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) {
        const text = (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
        runs.push({ text, chain: [...chain, typeId(child)] });
      } else if (child instanceof Y.XmlElement) walk(child, [...chain, typeId(child)]);
    }
  };
  walk(fragment, []);
  return runs;
}

function tokensIn(fragment: Y.XmlFragment): string[] {
  return textRuns(fragment).flatMap((run) => run.text.match(TOKEN) ?? []);
}

/**
 * Tokens that must survive the merge: those in this side's document whose text
 * node and ancestors the other side did not delete. Text typed inside a block
 * the partner deleted is the one loss the CRDT rules impose (y-prosemirror #108).
 */
function tokensThatMustSurvive(mine: Y.Doc, partnerBefore: Set<string>, mineCreatedAfter: (id: string) => boolean): string[] {
  return textRuns(mine.getXmlFragment(ENTRY_BODY_FIELD))
    .filter((run) => run.chain.every((id) => mineCreatedAfter(id) || partnerBefore.has(id)))
    .flatMap((run) => run.text.match(TOKEN) ?? []);
}

function liveIds(doc: Y.Doc): Set<string> {
  return new Set(textRuns(doc.getXmlFragment(ENTRY_BODY_FIELD)).flatMap((run) => run.chain));
}

describe('offline divergence merged through the relay', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.cleanup();
  });

  for (const seed of [1, 2, 3]) {
    it(`converges to one document with nothing duplicated or lost (seed ${seed})`, async () => {
      // A small compaction threshold, so the clients come back to a compacted document.
      server = await startTestServer({ compactEvery: 25 });
      const { a, b, journalId } = await pairedCouple(server.url);
      const room = entryRoom(journalId, `merge${seed}xyz`);
      const ada = connectClient(server.wsUrl, room, a.cookie);
      const ben = connectClient(server.wsUrl, room, b.cookie);
      clients.push(ada, ben);
      await Promise.all([ada.synced, ben.synced]);

      // A shared starting point: a few paragraphs both have seen.
      const adaEditor = new HeadlessEditor(ada.doc, schema);
      adaEditor.apply((state) => {
        const paragraphs = [0, 1, 2, 3, 4, 5].map((i) => schema.nodes.paragraph.create(null, schema.text(`[a${1000 + i}] start ${i}`)));
        return state.tr.replaceWith(0, state.doc.content.size, paragraphs);
      });
      await waitForDoc(ben.doc, (d) => d.getXmlFragment(ENTRY_BODY_FIELD).length === 6);
      const benEditor = new HeadlessEditor(ben.doc, schema);

      // Both go offline and write for a long time.
      ada.provider.disconnect();
      ben.provider.disconnect();
      const svBefore = { ada: Y.encodeStateVector(ada.doc), ben: Y.encodeStateVector(ben.doc) };
      const createdAfter = (doc: Y.Doc, sv: Uint8Array) => {
        const clock = Y.decodeStateVector(sv).get(doc.clientID) ?? 0;
        return (id: string) => {
          const [client, at] = id.split(':').map(Number);
          return client === doc.clientID && at >= clock;
        };
      };
      const randomA = seededRandom(seed * 7919);
      const randomB = seededRandom(seed * 104729);
      for (let i = 0; i < 320; i++) {
        randomEdit(adaEditor, randomA, `[a${i}]`);
        randomEdit(benEditor, randomB, `[b${i}]`);
      }
      const adaBefore = liveIds(ada.doc);
      const benBefore = liveIds(ben.doc);
      const mustSurvive = [
        ...tokensThatMustSurvive(ada.doc, benBefore, createdAfter(ada.doc, svBefore.ada)),
        ...tokensThatMustSurvive(ben.doc, adaBefore, createdAfter(ben.doc, svBefore.ben)),
      ];
      // Most typing is later backspaced or split by the writers themselves; plenty remains.
      expect(mustSurvive.length).toBeGreaterThan(40);

      // The relay restarts while they are away; then both come back.
      server = await server.restart();
      ada.provider.connect();
      ben.provider.connect();
      const same = () =>
        ada.doc.getXmlFragment(ENTRY_BODY_FIELD).toJSON() === ben.doc.getXmlFragment(ENTRY_BODY_FIELD).toJSON() &&
        Y.encodeStateVector(ada.doc).toString() === Y.encodeStateVector(ben.doc).toString();
      await waitForDocs([ada.doc, ben.doc], same);

      const rendered = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(ENTRY_BODY_FIELD));
      expect(rendered(ada.doc)).toEqual(rendered(ben.doc));
      // The merged document is one a TipTap editor accepts as it is.
      expect(() => schema.nodeFromJSON(rendered(ada.doc)).check()).not.toThrow();

      const merged = tokensIn(ada.doc.getXmlFragment(ENTRY_BODY_FIELD));
      const counts = new Map<string, number>();
      for (const t of merged) counts.set(t, (counts.get(t) ?? 0) + 1);
      expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
      expect(mustSurvive.filter((t) => !counts.has(t))).toEqual([]);

      // A fresh client after all this sees the same document from storage.
      const fresh = connectClient(server.wsUrl, room, a.cookie);
      clients.push(fresh);
      await fresh.synced;
      expect(rendered(fresh.doc)).toEqual(rendered(ada.doc));
    });
  }
});
