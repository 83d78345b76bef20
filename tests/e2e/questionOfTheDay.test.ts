import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';

/**
 * The question of the day in two browsers: the same question on both
 * screens, each answers alone (Ben offline), neither sees the other's words
 * before both have shared, then both answers appear side by side, live.
 */
describe('the question of the day', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let ben: E2EPage;
  let journalId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    ({ journalId, ada, ben } = await e2e.openCouple());
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const card = (page: Page) => page.getByRole('region', { name: /Question of the day/ });

  it('is answered by each alone, sealed until both have shared, then revealed to both at once', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const question = (await card(ada.page).locator('.question-card__text').textContent())!;
    expect(question.length).toBeGreaterThan(20);
    await expect.poll(() => card(ben.page).locator('.question-card__text').textContent()).toBe(question);
    await screenshot(ben.page, 'qotd-1-ben-journal');

    // Ben opens the question, then loses the network and answers anyway.
    await card(ben.page).getByRole('link', { name: 'Answer' }).click();
    await ben.page.getByRole('heading', { name: question }).waitFor();
    const benAnswer = ben.page.getByLabel('Write your answer');
    await benAnswer.waitFor();
    await ben.context.setOffline(true);
    await benAnswer.click();
    await ben.page.keyboard.type('The kitchen at my grandmother’s, with the radio on.');
    await ben.page.getByRole('button', { name: 'Share my answer' }).click();
    await ben.page.getByRole('button', { name: 'Sharing when you’re back online…' }).waitFor();
    await screenshot(ben.page, 'qotd-2-ben-offline');

    // Ada answers and shares; she sees only that Ben has not shared yet.
    await card(ada.page).getByRole('link', { name: 'Answer' }).click();
    const adaAnswer = ada.page.getByLabel('Write your answer');
    await adaAnswer.click();
    await ada.page.keyboard.type('Our first flat, when the heating broke and we laughed anyway.');
    await ada.page.getByRole('button', { name: 'Share my answer' }).click();
    await ada.page.getByTestId('day-status').getByText('Your answer is shared and sealed').waitFor();
    expect(await ada.page.getByText('grandmother').count()).toBe(0);
    await screenshot(ada.page, 'qotd-3-ada-sealed');

    // Ben comes back: his share goes out, and both screens show both answers without a reload.
    await ben.context.setOffline(false);
    await ben.page.getByRole('region', { name: 'Ada’s answer' }).getByText('heating broke').waitFor();
    await ada.page.getByRole('region', { name: 'Ben’s answer' }).getByText('grandmother').waitFor();
    await ada.page.getByTestId('day-status').getByText('You have both answered').waitFor();
    await screenshot(ada.page, 'qotd-4-ada-revealed');
    await screenshot(ben.page, 'qotd-5-ben-revealed');

    // Ben edits his answer after the reveal; Ada sees it follow.
    await benAnswer.click();
    await ben.page.keyboard.press('End');
    await ben.page.keyboard.type(' And the smell of oranges.');
    await ada.page.getByRole('region', { name: 'Ben’s answer' }).getByText('smell of oranges').waitFor();

    // Back on the journal page, the card says so, nothing nags, and the day is on the timeline.
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await card(ada.page).getByText('You have both answered.').waitFor();
    await ada.page.getByRole('list', { name: 'Entries' }).getByRole('link', { name: question }).waitFor();
    await screenshot(ada.page, 'qotd-6-ada-journal');
  });
});
