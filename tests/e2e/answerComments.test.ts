import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairedCouple } from '../helpers/apiClient.js';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { selectText } from '../helpers/selectText.js';

/**
 * Comments on a revealed answer, in two browsers: Ben (a phone) selects a
 * phrase of Ada's answer and comments on it; Ada (a laptop) sees the phrase
 * highlighted in her own answer and the thread under it, live, and replies.
 */
describe('comments on the partner’s answer', () => {
  let e2e: E2E;
  let ada: { context: BrowserContext; page: Page };
  let ben: { context: BrowserContext; page: Page };
  let dayUrl: string;

  beforeAll(async () => {
    e2e = await startE2E();
    const couple = await pairedCouple(e2e.server.url);
    expect((await couple.a.request('PUT', `/api/journals/${couple.journalId}/rituals/rhythm`, { timeZone: 'Europe/Berlin' })).status).toBe(200);
    const { today } = (await couple.a.request('GET', `/api/journals/${couple.journalId}/rituals`)).body;
    dayUrl = `${e2e.server.url}/journals/${couple.journalId}/days/${today}`;
    ada = await e2e.openPage(couple.a.cookie, 1280);
    ben = await e2e.openPage(couple.b.cookie, 375);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function answer(page: Page, words: string) {
    await page.goto(dayUrl);
    await page.getByLabel('Write your answer').click();
    await page.keyboard.type(words);
    await page.getByRole('button', { name: 'Share my answer' }).click();
  }

  const region = (page: Page, name: string) => page.getByRole('region', { name });
  const threadsUnder = (page: Page, name: string) => region(page, name).getByRole('complementary', { name: 'Comments' });

  it('lets Ben comment on a phrase of Ada’s answer, and Ada see it on hers and reply', async () => {
    await answer(ada.page, 'Our first flat, when the heating broke and we laughed anyway.');
    await answer(ben.page, 'The kitchen at my grandmother’s, with the radio on.');
    const adasWords = ben.page.getByRole('textbox', { name: 'Ada’s answer' });
    await adasWords.getByText('heating broke').waitFor();
    await region(ada.page, 'Ben’s answer').getByText('grandmother').waitFor();

    // Ada's words are Ben's to read, not to change: typing does nothing.
    await adasWords.click();
    await ben.page.keyboard.type('xyz');
    expect(await adasWords.textContent()).toBe('Our first flat, when the heating broke and we laughed anyway.');

    // Ben selects a phrase; "Comment" appears beside it.
    await selectText(ben.page, 'the heating broke', 'Ada’s answer');
    await ben.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await region(ben.page, 'Ada’s answer').getByLabel('Comment', { exact: true }).fill('I still have the blanket from that week.');
    await screenshot(ben.page, 'answer-comments-1-ben-writing');
    await region(ben.page, 'Ada’s answer').getByRole('button', { name: 'Post comment' }).click();
    await threadsUnder(ben.page, 'Ada’s answer').getByText('I still have the blanket').waitFor();

    // Ada sees the highlight in her own answer and the thread under it, without a reload.
    const highlight = region(ada.page, 'Your answer').locator('.comment-anchor');
    await highlight.first().waitFor();
    await expect.poll(() => highlight.allTextContents()).toEqual(['the heating broke']);
    const thread = threadsUnder(ada.page, 'Your answer').getByRole('article').filter({ hasText: 'I still have the blanket' });
    await thread.waitFor();
    await thread.getByLabel('Reply').fill('Keep it forever.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await screenshot(ada.page, 'answer-comments-2-ada-replied');

    // Ben sees her reply under her answer.
    await threadsUnder(ben.page, 'Ada’s answer').getByText('Keep it forever.').waitFor();
    await expect.poll(() => region(ben.page, 'Ada’s answer').locator('.comment-anchor').allTextContents()).toEqual(['the heating broke']);
    await screenshot(ben.page, 'answer-comments-3-ben-reply');

    // Ada answers in kind on Ben's answer, from the keyboard (Ctrl+Alt+M on the selected words).
    const bensWords = ada.page.getByRole('textbox', { name: 'Ben’s answer' });
    await bensWords.focus();
    await selectText(ada.page, 'the radio on', 'Ben’s answer');
    await ada.page.keyboard.press('Control+Alt+m');
    await region(ada.page, 'Ben’s answer').getByLabel('Comment', { exact: true }).fill('Always the same station.');
    await ada.page.keyboard.press('Control+Enter');
    await threadsUnder(ben.page, 'Your answer').getByText('Always the same station.').waitFor();
    await expect.poll(() => region(ben.page, 'Your answer').locator('.comment-anchor').allTextContents()).toEqual(['the radio on']);

    // Ada's words are as she wrote them on both sides, after a reload too.
    await ada.page.reload();
    await region(ada.page, 'Your answer').getByText('Our first flat, when the heating broke and we laughed anyway.').waitFor();
    await threadsUnder(ada.page, 'Your answer').getByText('Keep it forever.').waitFor();

    // The same on a wide screen, from Ben's side.
    await ben.page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(ben.page, 'answer-comments-4-ben-wide');
  });
});
