/**
 * The offline client in headless Chromium: how long a 10,000-word entry takes
 * to open with no network, and how much device storage an entry takes after
 * it has been opened many times.
 */
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import { createEntry, indexRoom } from '#shared/documents/journalIndex.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { connectClient, waitForDoc } from '../helpers/collabClient.js';
import { startE2E } from '../helpers/e2eSetup.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';
import { median } from './benchTargets.js';

const WORDS = 10_000;
const OPENS = 5;
const REOPENINGS = 20;
const LAST_WORD = 'farewell-marker';

/** Navigates to the entry and resolves with the milliseconds until its last word shows in an editable editor. */
async function openEntry(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(
    (last) => {
      const editor = document.querySelector('[aria-label="Entry text"]');
      return editor?.getAttribute('contenteditable') === 'true' && (editor.textContent ?? '').includes(last);
    },
    LAST_WORD,
    { timeout: 60_000 },
  );
  return Date.now() - started;
}

/** Bytes this device stores for one document in IndexedDB (database `duet`, store `updates`). */
function storedBytes(page: Page, room: string): Promise<number> {
  return page.evaluate(
    (doc) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('duet');
        open.onerror = () => reject(open.error ?? new Error('could not open IndexedDB'));
        open.onsuccess = () => {
          const request = open.result.transaction('updates').objectStore('updates').index('byDoc').getAll(doc);
          request.onerror = () => reject(request.error ?? new Error('could not read IndexedDB'));
          request.onsuccess = () => resolve((request.result as { update: Uint8Array }[]).reduce((sum, r) => sum + r.update.byteLength, 0));
        };
      }),
    room,
  );
}

export async function runOfflineOpenBench(): Promise<string> {
  const e2e = await startE2E();
  try {
    const { a, userA, journalId } = await pairedCouple(e2e.server.url);
    // The entry is written by a client in Node, as if the partner had written it elsewhere.
    const index = connectClient(e2e.server.wsUrl, indexRoom(journalId), a.cookie);
    await index.synced;
    const entryId = createEntry(index.doc, { id: userA.id, name: userA.name });
    (index.doc.getMap('entries').get(entryId) as Y.Map<unknown>).set('title', 'Ten thousand words');
    const room = entryRoom(journalId, entryId);
    const writer = connectClient(e2e.server.wsUrl, room, a.cookie);
    await writer.synced;
    const schema = entrySchema();
    const sentence = 'We walked along the lake until the light went gold and the water went still ';
    const wordsPerParagraph = 50;
    new HeadlessEditor(writer.doc, schema).apply((state) => {
      const paragraphs = [];
      const words = sentence.trim().split(' ');
      for (let p = 0; p < WORDS / wordsPerParagraph; p++) {
        const text = Array.from({ length: wordsPerParagraph }, (_, i) => words[(p + i) % words.length]).join(' ');
        paragraphs.push(schema.nodes.paragraph.create(null, schema.text(p === WORDS / wordsPerParagraph - 1 ? `${text} ${LAST_WORD}` : text)));
      }
      return state.tr.replaceWith(0, state.doc.content.size, paragraphs);
    });
    const reader = connectClient(e2e.server.wsUrl, room, a.cookie);
    await waitForDoc(reader.doc, (d) => d.getXmlFragment('default').length === WORDS / wordsPerParagraph);
    const encodedBytes = Y.encodeStateAsUpdate(reader.doc).length;
    for (const c of [index, writer, reader]) c.destroy();

    const context = await e2e.contextFor(a.cookie);
    const page = await context.newPage();
    const url = `${e2e.server.url}/journals/${journalId}/entries/${entryId}`;
    await openEntry(page, url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByTestId('sync-status').getByText('All changes synced').waitFor();

    const online: number[] = [];
    for (let i = 0; i < OPENS; i++) online.push(await openEntry(page, url));
    await context.setOffline(true);
    const offline: number[] = [];
    for (let i = 0; i < OPENS; i++) offline.push(await openEntry(page, url));
    await context.setOffline(false);

    for (let i = 0; i < REOPENINGS; i++) await openEntry(page, url);
    const bytes = await storedBytes(page, room);
    await context.close();

    return `## Offline client (headless Chromium)

An entry of ${WORDS.toLocaleString('en')} words (${WORDS / wordsPerParagraph} paragraphs) written by another client. The app is
opened once online so the service worker and the device copy are in place. Timed from navigation
until the last word shows in an editable editor; median of ${OPENS} openings each.

| opening the entry | time |
| --- | --- |
| offline (app from the service worker, entry from IndexedDB) | ${median(offline)} ms |
| online (for comparison) | ${median(online)} ms |

Device storage for that entry after ${REOPENINGS} more openings: **${(bytes / 1024).toFixed(1)} KiB**, against
${(encodedBytes / 1024).toFixed(1)} KiB for the document's own encoded state
(**${(bytes / encodedBytes).toFixed(2)}×**). Each opening compacts the stored updates into one, so
reopening does not grow it (y-indexeddb appends a full state on every open).
`;
  } finally {
    await e2e.close();
  }
}
