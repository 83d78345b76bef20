import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerRoom } from '#shared/documents/answer.js';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { createEntry, indexRoom } from '#shared/documents/journalIndex.js';
import { type ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, waitForDoc } from '../helpers/collabClient.js';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';

/**
 * Search in two browsers: Ada wrote an entry, Ben commented on it, and both
 * answered today's question, each mentioning gulls. Ben (a phone) searches
 * from the journal's header and finds all three with the word marked; Ada (a
 * laptop) filters, opens a result, and searches again offline, where the
 * page says the results come from her device.
 */
describe('search', () => {
  let e2e: E2E;
  let ada: { context: BrowserContext; page: Page };
  let ben: { context: BrowserContext; page: Page };
  let journalId: string;
  let entryId: string;
  const clients: CollabClient[] = [];

  /** Opens a room as `as` from Node, as a device would, and waits for its first sync. */
  async function open(room: string, as: ApiClient) {
    const client = connectClient(e2e.server.wsUrl, room, as.cookie);
    clients.push(client);
    await client.synced;
    return client;
  }
  /** Waits until the relay holds what `predicate` asks for (a fresh connection sees it). */
  async function stored(room: string, as: ApiClient, predicate: (doc: Y.Doc) => boolean) {
    const probe = await open(room, as);
    await waitForDoc(probe.doc, predicate);
  }
  function paragraph(doc: Y.Doc, words: string) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(words)]);
    entryBody(doc).insert(0, [p]);
  }

  beforeAll(async () => {
    e2e = await startE2E();
    const couple = await pairedCouple(e2e.server.url);
    journalId = couple.journalId;
    const { a, b } = couple;
    const adaId = (await a.request('GET', '/api/me')).body.user.id as string;
    const benId = (await b.request('GET', '/api/me')).body.user.id as string;
    expect((await a.request('PUT', `/api/journals/${journalId}/rituals/rhythm`, { timeZone: 'Europe/Berlin' })).status).toBe(200);
    const { today } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;

    // Ada's entry.
    const index = await open(indexRoom(journalId), a);
    entryId = createEntry(index.doc, { id: adaId, name: 'Ada' });
    const entry = await open(entryRoom(journalId, entryId), a);
    entryTitle(entry.doc).insert(0, 'The lighthouse weekend');
    paragraph(entry.doc, 'We climbed to the top and counted seventeen gulls on the rocks.');
    await stored(entryRoom(journalId, entryId), a, (doc) => entryBody(doc).toString().includes('seventeen'));
    await stored(indexRoom(journalId), a, (doc) => doc.getMap('entries').has(entryId));
    // Ben's comment on it.
    const thread = { threadId: 'gull-thread-01', commentId: 'gull-comm-0001', quote: 'seventeen gulls', text: 'And one of those gulls stole your sandwich' };
    expect((await b.request('POST', `/api/journals/${journalId}/entries/${entryId}/threads`, thread)).status).toBe(201);
    // Both answer today's question; Ada's answer mentions gulls.
    for (const [as, id, words] of [
      [a, adaId, 'Watching the gulls at the harbour with you'],
      [b, benId, 'The first snow in our street'],
    ] as const) {
      const answer = await open(answerRoom(journalId, id, today), as);
      paragraph(answer.doc, words);
      await stored(answerRoom(journalId, id, today), as, (doc) => entryBody(doc).toString().includes(words.slice(0, 10)));
      expect((await as.request('POST', `/api/journals/${journalId}/days/${today}/answer`, { questionId: 'light-001' })).status).toBe(200);
    }
    // The index takes what was stored now rather than after its few seconds' pause.
    await e2e.server.server.search.flush();

    ada = await e2e.openPage(a.cookie, 1280);
    ben = await e2e.openPage(b.cookie, 375);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await e2e?.close();
  });

  const results = (page: Page) => page.getByRole('region', { name: 'Search results' }).getByRole('listitem');

  it('finds a word in an entry, an answer and a comment, with the match marked', async () => {
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.getByRole('searchbox', { name: 'Search your journal' }).waitFor();
    await screenshot(ben.page, 'search-0-journal-phone');
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.getByRole('searchbox', { name: 'Search your journal' }).waitFor();
    await screenshot(ada.page, 'search-0-journal-wide');
    await ben.page.getByRole('searchbox', { name: 'Search your journal' }).fill('gulls');
    await ben.page.keyboard.press('Enter');
    await ben.page.waitForURL(/\/search\?q=gulls$/);
    await results(ben.page).nth(2).waitFor();
    expect(await results(ben.page).count()).toBe(3);
    const kinds = await results(ben.page).locator('.search-result__kind').allTextContents();
    expect(kinds.sort()).toEqual(['Answer', 'Comment', 'Entry']);
    // Every result shows the word, marked; and nothing else is marked.
    for (let i = 0; i < 3; i++) {
      const marks = await results(ben.page).nth(i).locator('mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) expect(mark.toLowerCase()).toBe('gulls');
    }
    await screenshot(ben.page, 'search-1-ben-phone');
    await expect.poll(() => results(ben.page).filter({ hasText: 'stole your sandwich' }).count()).toBe(1);
  });

  it('matches a word as it is typed, filters by kind, and leads to the entry', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}/search`);
    await ada.page.getByText('Find anything you have written together').waitFor();
    await ada.page.getByRole('searchbox', { name: 'Words to find' }).pressSequentially('seventee');
    await results(ada.page).first().waitFor();
    await expect.poll(() => results(ada.page).count()).toBe(2);
    expect(await results(ada.page).locator('mark').allTextContents()).toEqual(['seventeen', 'seventeen']);
    await ada.page.getByLabel('What').selectOption('comment');
    await expect.poll(() => results(ada.page).count()).toBe(1);
    await screenshot(ada.page, 'search-2-ada-filtered');
    await ada.page.getByLabel('What').selectOption('');
    await ada.page.getByRole('searchbox', { name: 'Words to find' }).fill('penguins');
    await ada.page.getByText('Nothing found for “penguins”').waitFor();
    await screenshot(ada.page, 'search-3-nothing-found');

    await ada.page.getByRole('searchbox', { name: 'Words to find' }).fill('lighthouse');
    await results(ada.page).getByText('Entry').waitFor();
    await results(ada.page).first().getByRole('link').click();
    await ada.page.waitForURL(new RegExp(`/entries/${entryId}$`));
    await ada.page.getByLabel('Entry title').waitFor();
  });

  it('searches what is on the device when Duet cannot be reached, and says so', async () => {
    // Ada opened the entry above, so this device holds it.
    await ada.page.goBack();
    await ada.page.waitForURL(/\/search/);
    await ada.context.setOffline(true);
    await ada.page.getByRole('searchbox', { name: 'Words to find' }).fill('seventeen gulls');
    await ada.page.getByText('these results are from this device only').waitFor();
    // The entry and Ben's comment on it (with its phrase), both words marked; answers wait for the server.
    const entryResult = results(ada.page).filter({ hasText: 'The lighthouse weekend' }).filter({ has: ada.page.locator('.search-result__kind', { hasText: /^Entry$/ }) });
    await expect.poll(async () => (await entryResult.locator('mark').allTextContents()).join(' ')).toBe('seventeen gulls');
    expect((await results(ada.page).locator('.search-result__kind').allTextContents()).sort()).toEqual(['Comment', 'Entry']);
    await screenshot(ada.page, 'search-4-offline');
    await ada.context.setOffline(false);
  });
});
