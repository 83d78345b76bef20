import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairedCouple } from '../helpers/apiClient.js';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { documentText, occurrences, waitForWords } from '../helpers/entryTextProbe.js';
import { selectText } from '../helpers/selectText.js';

/**
 * A partner on a plane: the app loads with no network, the entry opens from
 * the device, words and a whole new entry are written offline, and everything
 * meets the partner's words once the network is back.
 */
describe('writing offline', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });


  it('keeps writing on a plane and merges when the network is back', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const ada = await e2e.openPage(a.cookie);
    const ben = await e2e.openPage(b.cookie, 375);
    const { page: pageA } = ada;
    const { page: pageB } = ben;
    const syncA = pageA.getByTestId('sync-status');

    await pageA.goto(`${e2e.server.url}/journals/${journalId}`);
    // The app has to be installed in the service worker before the network goes.
    await pageA.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await pageA.getByRole('button', { name: 'New entry' }).click();
    await pageA.getByLabel('Entry title').fill('Lake day');
    await pageA.getByLabel('Entry text').click();
    await pageA.keyboard.type('Online words. ');
    await syncA.getByText('All changes synced').waitFor();
    const entryPath = new URL(pageA.url()).pathname;
    await pageB.goto(e2e.server.url + entryPath);
    await waitForWords(pageB, 'Online words.');

    // On the plane: the page reloads from the service worker and the entry from the device.
    await ada.context.setOffline(true);
    await pageA.reload();
    await waitForWords(pageA, 'Online words.');
    await pageA.getByLabel('Entry text').click();
    await pageA.keyboard.press('Control+End');
    await pageA.keyboard.type('Offline words from Ada.');
    await syncA.getByText('Offline: saved on this device').waitFor();
    await screenshot(pageA, 'offline-1-ada-entry');

    // Meanwhile Ben writes in the same entry.
    await pageB.getByLabel('Entry text').click();
    await pageB.keyboard.press('Control+End');
    await pageB.keyboard.press('Enter');
    await pageB.keyboard.type('Ben at home.');
    await pageB.getByTestId('sync-status').getByText('All changes synced').waitFor();

    // Ada starts a new entry with no network at all.
    await pageA.goto(`${e2e.server.url}/journals/${journalId}`);
    await pageA.getByRole('button', { name: 'New entry' }).click();
    await pageA.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Entry title');
    await pageA.keyboard.type('Written offline');
    await pageA.keyboard.press('Enter');
    await pageA.keyboard.type('Made without a network.');
    await syncA.getByText('Offline: saved on this device').waitFor();
    await pageA.goto(`${e2e.server.url}/journals/${journalId}`);
    await pageA.getByTestId('journal-sync-status').getByText('Offline: saved on this device').waitFor();
    await screenshot(pageA, 'offline-2-ada-timeline');

    // Landing: everything meets, once each.
    await ada.context.setOffline(false);
    await pageA.getByTestId('journal-sync-status').getByText('All changes synced').waitFor();
    await pageB.goto(`${e2e.server.url}/journals/${journalId}`);
    await pageB.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'Written offline' }).waitFor();
    await pageB.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'Lake day' }).click();
    await waitForWords(pageB, 'Offline words from Ada.');
    await pageA.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'Lake day' }).click();
    await waitForWords(pageA, 'Ben at home.');
    for (const page of [pageA, pageB]) {
      for (const words of ['Online words.', 'Offline words from Ada.', 'Ben at home.']) expect(await occurrences(page, words)).toBe(1);
    }
    expect(await documentText(pageA)).toBe(await documentText(pageB));
    await syncA.getByText('All changes synced').waitFor();
    await screenshot(pageB, 'offline-3-ben-merged');

    await pageB.getByRole('link', { name: /Our journal/ }).first().click();
    await pageB.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'Written offline' }).click();
    await waitForWords(pageB, 'Made without a network.');
  });

  it('shows a brand-new entry opened by both partners at once without duplicating anything', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const ada = await e2e.openPage(a.cookie);
    const ben = await e2e.openPage(b.cookie);
    await Promise.all([ada.page.goto(`${e2e.server.url}/journals/${journalId}`), ben.page.goto(`${e2e.server.url}/journals/${journalId}`)]);
    await ben.page.getByRole('button', { name: 'New entry' }).waitFor();
    // Ben opens the entry the moment it appears on his timeline, while Ada's editor is still opening.
    const benOpens = ben.page.getByRole('list', { name: 'Entries' }).getByRole('link').first().click();
    await ada.page.getByRole('button', { name: 'New entry' }).click();
    await benOpens;
    for (const { page } of [ada, ben]) await page.getByTestId('connection-status').getByText('Connected').waitFor();
    expect(new URL(ben.page.url()).pathname).toBe(new URL(ada.page.url()).pathname);
    // A new entry holds nothing: no template, no empty block that both could write.
    expect([await documentText(ada.page), await documentText(ben.page)]).toEqual(['', '']);
    await ada.page.getByLabel('Entry text').click();
    await ada.page.keyboard.type('from Ada ');
    await waitForWords(ben.page, 'from Ada');
    await ben.page.getByLabel('Entry text').click();
    await ben.page.keyboard.press('Control+End');
    await ben.page.keyboard.type('from Ben');
    await waitForWords(ada.page, 'from Ben');
    const text = await documentText(ada.page);
    expect(text).toBe(await documentText(ben.page));
    expect(text).toBe('from Ada from Ben');
  });

  it('keeps the partner’s comments on entries never opened on this device, for reading offline', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const ben = await e2e.openPage(b.cookie);
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.getByRole('button', { name: 'New entry' }).click();
    await ben.page.getByLabel('Entry title').fill('Pier');
    await ben.page.getByLabel('Entry text').click();
    await ben.page.keyboard.type('We sat on the pier until dark.');
    await ben.page.getByTestId('sync-status').getByText('All changes synced').waitFor();
    const entryPath = new URL(ben.page.url()).pathname;
    const entryId = entryPath.split('/').pop()!;
    await selectText(ben.page, 'the pier');
    await ben.page.getByRole('button', { name: 'Add comment' }).click();
    await ben.page.getByLabel('Comment', { exact: true }).fill('Our spot.');
    await ben.page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(async () => (await b.request('GET', `/api/journals/${journalId}/entries/${entryId}/threads`)).body.threads?.length).toBe(1);

    // Ada only opens the timeline; the app keeps the newest entries and their comments on the device.
    const ada = await e2e.openPage(a.cookie);
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const commentsDoc = `${journalId}/comments-${entryId}`;
    // Kept on the device once background sync has fetched it (its record carries the fetched version).
    const fetchedVersion = () =>
      ada.page.evaluate(
        (name) =>
          new Promise<number | null>((resolve) => {
            const open = indexedDB.open('duet');
            open.onerror = () => resolve(null);
            open.onsuccess = () => {
              const request = open.result.transaction('docs').objectStore('docs').get(name);
              request.onerror = () => resolve(null);
              request.onsuccess = () => resolve((request.result as { syncedVersion?: number } | undefined)?.syncedVersion ?? null);
            };
          }),
        commentsDoc,
      );
    await expect.poll(fetchedVersion, { timeout: 20_000 }).not.toBeNull();

    // On the plane, she opens the entry for the first time: the text and Ben's thread are there.
    await ada.context.setOffline(true);
    await ada.page.goto(e2e.server.url + entryPath);
    await waitForWords(ada.page, 'We sat on the pier until dark.');
    await ada.page.getByRole('complementary', { name: 'Comments' }).getByRole('article').filter({ hasText: 'Our spot.' }).waitFor();
    await ada.page.locator('.comment-anchor[data-thread-id]').first().waitFor();
    await screenshot(ada.page, 'offline-3-ada-comments');
  });
});
