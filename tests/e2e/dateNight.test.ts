import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';

/**
 * A date night on two phones (375 px): Ada starts it, Ben joins from his
 * journal page, both see the same card, "next" from either side turns both,
 * a note written on one appears on the other, and ending it puts one entry
 * on both timelines.
 */
describe('a date night on two phones', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let ben: E2EPage;
  let journalId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    ({ journalId, ada, ben } = await e2e.openCouple([375, 375]));
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const card = (page: Page) => page.getByTestId('night-card');
  const cardText = async (page: Page) => (await card(page).textContent())!;
  /** Waits until both phones show the same card and returns it. */
  async function sameCardOnBoth(): Promise<string> {
    const text = await cardText(ada.page);
    await expect.poll(() => cardText(ben.page)).toBe(text);
    await expect.poll(() => cardText(ada.page)).toBe(text);
    return text;
  }

  it('is started, shared card by card, written in and ended as one entry on both timelines', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const invite = (page: Page) => page.getByRole('region', { name: 'Date night' });

    // Ada picks a deck and starts.
    await invite(ada.page).getByRole('button', { name: 'Plan a date night' }).click();
    await invite(ada.page).getByText('Dreams and plans').click();
    await screenshot(ada.page, 'datenight-1-ada-journal');
    await invite(ada.page).getByRole('button', { name: 'Start our date night' }).click();
    await card(ada.page).waitFor();
    expect((await cardText(ada.page)).length).toBeGreaterThan(20);

    // Ben's journal page offers to join, live.
    await invite(ben.page).getByText('Ada started a date night · Dreams and plans').waitFor();
    await screenshot(ben.page, 'datenight-2-ben-invited');
    await invite(ben.page).getByRole('link', { name: 'Join' }).click();
    const first = await sameCardOnBoth();
    await ada.page.getByTestId('night-with').getByText('Ben is here with you').waitFor();

    // Next from Ben's side, then from Ada's: both phones turn together.
    await ben.page.getByRole('button', { name: 'Next card' }).click();
    await expect.poll(() => cardText(ada.page)).not.toBe(first);
    const second = await sameCardOnBoth();
    await ada.page.getByRole('button', { name: 'Next card' }).click();
    await expect.poll(() => cardText(ben.page)).not.toBe(second);
    const third = await sameCardOnBoth();
    expect(new Set([first, second, third]).size).toBe(3);

    // Ben writes under the card; Ada sees it.
    await ben.page.getByLabel('Write something under this card').fill('A slow trip north by train, no plans past the first night.');
    await ben.page.getByRole('button', { name: 'Add' }).click();
    await ada.page.getByText('A slow trip north by train').waitFor();
    await screenshot(ada.page, 'datenight-3-ada-card');
    // How it looks on a laptop, too (the phones are where it is played).
    await ada.page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(ada.page, 'datenight-3-ada-card-1280');
    await ada.page.setViewportSize({ width: 375, height: 800 });
    await screenshot(ben.page, 'datenight-4-ben-card');

    // Ada ends the evening; both phones say so and link to the same entry.
    await ada.page.getByRole('button', { name: 'End our date night' }).click();
    await ada.page.getByRole('dialog').getByRole('button', { name: 'End our date night' }).click();
    await ada.page.getByTestId('night-ended').waitFor();
    await ben.page.getByTestId('night-ended').waitFor();
    await screenshot(ben.page, 'datenight-5-ben-ended');

    for (const { page } of [ada, ben]) {
      await page.goto(`${e2e.server.url}/journals/${journalId}`);
      const entry = page.getByRole('listitem').filter({ hasText: 'Date night: Dreams and plans' });
      await entry.waitFor();
      expect(await entry.count()).toBe(1);
      // The night is over: nothing left to join.
      expect(await invite(page).getByRole('link', { name: /Join|Go back/ }).count()).toBe(0);
    }
    await screenshot(ben.page, 'datenight-6-ben-timeline');

    // The entry lists the cards talked about and what was written.
    await ben.page.getByRole('link', { name: 'Date night: Dreams and plans' }).click();
    for (const text of [first, second, third]) await ben.page.getByRole('heading', { name: text }).waitFor();
    await ben.page.getByText('A slow trip north by train').waitFor();
    await screenshot(ben.page, 'datenight-7-ben-entry');
  });
});
