import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairedCouple } from '../helpers/apiClient.js';
import { type E2E, screenshot as snap, startE2E } from '../helpers/e2eSetup.js';
import { documentText, installEntryTextProbe, waitForWords } from '../helpers/entryTextProbe.js';

/**
 * Two partners in two browser contexts: sign up, pair through the invite link,
 * write in one entry at the same time, and find every word again after a reload
 * and a server restart.
 */
describe('two partners in the browser', () => {
  let e2e: E2E;
  let ada: BrowserContext;
  let ben: BrowserContext;

  beforeAll(async () => {
    e2e = await startE2E();
    ada = await e2e.contextFor(null, 1280);
    ben = await e2e.contextFor(null, 375);
    for (const context of [ada, ben]) await context.addInitScript(installEntryTextProbe);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const editor = (page: Page) => page.getByLabel('Entry text');
  async function signUp(page: Page, name: string) {
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(`${name.toLowerCase()}@example.com`);
    await page.getByLabel('Password').fill(`${name} loves long walks`);
    await page.getByRole('button', { name: 'Create account' }).click();
  }

  it('pair up, write together, and keep every word', async () => {
    const pageA = await ada.newPage();
    // A first visit says what Duet is, with the sign-up right there.
    await pageA.goto(`${e2e.server.url}/`);
    await pageA.getByRole('heading', { name: 'Write your days together.' }).waitFor();
    await snap(pageA, '0-ada-first-visit');
    await signUp(pageA, 'Ada');
    await pageA.getByLabel('Journal title').fill('Ada & Ben');
    await pageA.getByRole('button', { name: 'Create journal' }).click();
    await pageA.getByRole('heading', { name: 'Ada & Ben' }).waitFor();
    await pageA.getByRole('button', { name: 'Invite your partner' }).click();
    const inviteLink = await pageA.getByLabel('Invite link').inputValue();
    expect(inviteLink).toMatch(/\/invite\/[\w-]+$/);
    await snap(pageA, '1-ada-journal-invite');

    const pageB = await ben.newPage();
    await pageB.goto(inviteLink);
    await pageB.getByText('Ada & Ben').first().waitFor();
    await snap(pageB, '2-ben-invite');
    await signUp(pageB, 'Ben');
    await pageB.getByRole('heading', { name: 'Ada & Ben' }).waitFor();
    expect(new URL(pageB.url()).pathname).toMatch(/^\/journals\//);
    // Ben is welcomed once, told what to do first; "Let's begin" puts the welcome away for good.
    await pageB.getByRole('heading', { name: 'Welcome, Ben.' }).waitFor();
    await snap(pageB, '2b-ben-welcome');
    await pageB.getByRole('button', { name: 'Let’s begin' }).click();
    await pageB.getByRole('heading', { name: 'Welcome, Ben.' }).waitFor({ state: 'detached' });

    // Ada starts an entry; Ben sees it appear on his timeline and opens it.
    await pageA.getByRole('button', { name: 'New entry' }).click();
    await pageA.getByLabel('Entry title').fill('Sunday at the lake');
    const entryPath = new URL(pageA.url()).pathname;
    expect(entryPath).toMatch(/^\/journals\/[\w-]+\/entries\/[\w-]+$/);
    const timelineB = pageB.getByRole('list', { name: 'Entries' });
    await timelineB.getByRole('link', { name: 'Sunday at the lake' }).click();
    await editor(pageB).waitFor();
    expect(new URL(pageB.url()).pathname).toBe(entryPath);

    // Both type at the same time.
    await editor(pageA).click();
    await editor(pageB).click();
    await Promise.all([
      pageA.keyboard.type('The water was cold. ', { delay: 15 }),
      pageB.keyboard.type('We swam anyway! ', { delay: 15 }),
    ]);
    for (const page of [pageA, pageB]) {
      await waitForWords(page, 'The water was cold.');
      await waitForWords(page, 'We swam anyway!');
    }
    expect(await documentText(pageA)).toBe(await documentText(pageB));

    // Each sees the other's caret, named.
    await pageA.locator('.collaboration-carets__label', { hasText: 'Ben' }).waitFor();
    await pageB.locator('.collaboration-carets__label', { hasText: 'Ada' }).waitFor();
    await snap(pageA, '3-ada-entry');
    await snap(pageB, '4-ben-entry');

    // Undo takes back only Ada's own typing, and redo brings it back. Typing
    // interleaved with the partner's makes many small undo steps, so press until done.
    const pressUntil = async (key: string, done: (text: string) => boolean) => {
      for (let i = 0; i < 100 && !done(await documentText(pageA)); i++) await pageA.keyboard.press(key);
      expect(done(await documentText(pageA))).toBe(true);
    };
    await pressUntil('Control+z', (text) => !text.includes('The'));
    await waitForWords(pageB, 'The water was', false);
    expect(await documentText(pageA)).toContain('We swam anyway!');
    expect(await documentText(pageB)).toContain('We swam anyway!');
    await pressUntil('Control+Shift+z', (text) => text.includes('The water was cold.'));
    await waitForWords(pageB, 'The water was cold.');

    // A reload keeps everything.
    await pageA.reload();
    await waitForWords(pageA, 'We swam anyway!');
    await expect(pageA.getByLabel('Entry title').inputValue()).resolves.toBe('Sunday at the lake');

    // So does a server restart: Ben's page reconnects by itself, and a reload still shows it all.
    const status = pageB.getByTestId('connection-status');
    await status.getByText('Connected').waitFor();
    await e2e.server.stop();
    await status.getByText(/Reconnecting|Offline/).waitFor();
    await pageB.keyboard.type('Written while the server was down. ', { delay: 10 });
    e2e.server = await e2e.server.restart();
    await status.getByText('Connected').waitFor();
    await waitForWords(pageA, 'Written while the server was down.');
    await pageB.reload();
    await waitForWords(pageB, 'Written while the server was down.');
    const finalText = await documentText(pageB);
    for (const words of ['The water was cold.', 'We swam anyway!']) {
      expect(finalText.split(words).length - 1).toBe(1);
    }
    await snap(pageB, '5-ben-after-restart');

    // "Who wrote what" tints each passage by its writer: Ada's sentence and Ben's in their two colours.
    await pageB.getByRole('button', { name: 'Who wrote what' }).click();
    const tintOf = (words: string) =>
      pageB.evaluate((w) => {
        const spans = [...document.querySelectorAll<HTMLElement>('.author-tint')].filter((el) => el.textContent!.includes(w));
        return spans.length > 0 ? spans[0].style.getPropertyValue('--author') : null;
      }, words);
    await expect.poll(() => tintOf('The water was cold.')).not.toBeNull();
    await expect.poll(() => tintOf('We swam anyway!')).not.toBeNull();
    const [adaTint, benTint] = [await tintOf('The water was cold.'), await tintOf('We swam anyway!')];
    expect(adaTint).not.toBe(benTint);
    const swatch = (name: string) => pageB.locator('.who-wrote__person', { hasText: name }).locator('.who-wrote__swatch').evaluate((el) => el.style.background);
    expect(await swatch('You')).toBe(await pageB.evaluate((c) => ((document.body.style.color = c!), getComputedStyle(document.body).color), benTint));
    await snap(pageB, '5b-ben-who-wrote-what');
    await pageB.getByRole('button', { name: 'Hide who wrote what' }).click();
    await expect.poll(() => pageB.locator('.author-tint').count()).toBe(0);

    // The status is one quiet word; tapping it tells the whole story, and Escape puts it away.
    const details = pageB.getByText('Changes are shared as you type.');
    await pageB.getByRole('button', { name: /Show details/ }).click();
    await details.waitFor();
    await snap(pageB, '6-ben-status-details');
    await pageB.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
  });

  it('refuses a paste too large to sync, says so, and keeps syncing', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const ada = await e2e.openPage(a.cookie);
    const ben = await e2e.openPage(b.cookie);
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.getByRole('button', { name: 'New entry' }).click();
    await ada.page.getByLabel('Entry text').click();
    await ada.page.keyboard.type('Before the paste. ');
    await ben.page.goto(ada.page.url());
    await waitForWords(ben.page, 'Before the paste.');

    // About 1.2 million characters, as if copied from a huge document.
    await ada.page.getByLabel('Entry text').evaluate((editor) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'All work and no play. '.repeat(55_000));
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await ada.page.getByRole('region', { name: 'Notifications' }).getByText(/too much to add at once.*Paste it in smaller parts/).waitFor();
    expect(await documentText(ada.page)).not.toContain('All work and no play.');

    // Few characters but 12,000 lines: more paragraphs than one update may create.
    const paste = (lines: number, word: string) =>
      ada.page.getByLabel('Entry text').evaluate(
        (editor, [n, w]) => {
          const data = new DataTransfer();
          data.setData('text/plain', Array.from({ length: Number(n) }, (_, i) => `${w} ${i}`).join('\n'));
          editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        },
        [lines, word],
      );
    await paste(12_000, 'Line');
    await ada.page.getByRole('region', { name: 'Notifications' }).getByText(/too many paragraphs to add at once/).waitFor();
    expect(await documentText(ada.page)).not.toContain('Line 11999');
    // A long paste within the bounds (2,000 paragraphs) is taken by the editor and the relay alike.
    await paste(2_000, 'Verse');
    await waitForWords(ben.page, 'Verse 1999');

    // Nothing stopped: the next words reach Ben as usual.
    await ada.page.keyboard.type('After the paste.');
    await waitForWords(ben.page, 'After the paste.');
    await expect(ada.page.getByTestId('connection-status').innerText()).resolves.toContain('Connected');
  });
});
