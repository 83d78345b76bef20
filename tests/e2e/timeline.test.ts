import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';

/** Controls a screen reader could not name: no label, no text, no title. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], input, textarea, select, [role="button"], [contenteditable="true"]');
    return [...controls]
      .filter((el) => {
        if (el.closest('[aria-hidden="true"]') || el.offsetParent === null) return false;
        const labelled = el.getAttribute('aria-labelledby')?.split(' ').some((id) => document.getElementById(id)?.textContent?.trim());
        const labels = (el as HTMLInputElement).labels;
        return !(el.getAttribute('aria-label')?.trim() || labelled || (labels && labels.length > 0) || el.textContent?.trim() || el.title);
      })
      .map((el) => el.outerHTML.slice(0, 120));
  });
}

describe('the journal timeline', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the partner’s entry live with who is in it, and deletes with confirmation and undo', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const pageA = await (await e2e.contextFor(a.cookie)).newPage();
    const pageB = await (await e2e.contextFor(b.cookie, 375)).newPage();
    await pageB.goto(`${e2e.server.url}/journals/${journalId}`);
    await pageA.goto(`${e2e.server.url}/journals/${journalId}`);

    await pageA.getByRole('button', { name: 'New entry' }).click();
    await pageA.getByLabel('Entry title').fill('Bucket list');
    await pageA.getByLabel('Entry text').click();
    await pageA.keyboard.type('See the northern lights in Tromsø.');

    const timelineB = pageB.getByRole('list', { name: 'Entries' });
    const card = timelineB.getByRole('listitem').filter({ hasText: 'Bucket list' });
    await card.getByText('See the northern lights in Tromsø.').waitFor();
    await card.getByText('By Ada').waitFor();
    await card.getByText('Ada is in this entry now').waitFor();
    await screenshot(pageB, 'timeline-ben-live');

    await card.getByRole('button', { name: 'Delete “Bucket list”' }).click();
    const dialog = pageB.getByRole('dialog', { name: 'Delete this entry?' });
    await dialog.getByRole('button', { name: 'Delete entry' }).click();
    await card.waitFor({ state: 'detached' });
    await pageB.getByRole('button', { name: 'Undo' }).click();
    await card.getByText('See the northern lights in Tromsø.').waitFor();
    // Undo answers the "Deleted" notice: only "Restored" is left.
    const notices = pageB.getByRole('region', { name: 'Notifications' });
    await notices.getByText('Restored “Bucket list”.').waitFor();
    await expect(notices.getByText('Deleted “Bucket list”.').count()).resolves.toBe(0);

    // Nothing was lost by the round trip: Ada's words are still in the entry.
    await expect(pageA.getByLabel('Entry text').innerText()).resolves.toContain('See the northern lights in Tromsø.');
  });

  it('works with a keyboard alone, names every control, and fits a phone', async () => {
    const { b, journalId } = await pairedCouple(e2e.server.url);
    const page = await (await e2e.contextFor(b.cookie, 375)).newPage();
    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    await page.getByRole('heading', { name: 'Our journal' }).waitFor();

    // Tab to "New entry" and press Enter, as someone without a mouse would.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'New entry');
      if (reached) {
        const focusVisible = await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement!);
          return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        });
        expect(focusVisible).toBe(true);
      }
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    // A new entry puts the caret in its title.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Entry title');
    await page.keyboard.type('Written by keyboard');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Every word typed without a mouse.');
    await page.getByLabel('Entry text').getByText('Every word typed without a mouse.').waitFor();
    expect(await page.getByLabel('Entry title').inputValue()).toBe('Written by keyboard');

    expect(await unnamedControls(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'entry-phone-keyboard');

    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    await page.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'Written by keyboard' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Opening the entry with Enter puts focus on its heading, not back at the top of the page,
    // even though a loading heading comes first and is replaced.
    await page.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'Written by keyboard' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Entry text').getByText('Every word typed without a mouse.').waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Written by keyboard');
  });

  it('moves an entry to the day it is about, and carries a partner’s heart live', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const pageA = await (await e2e.contextFor(a.cookie)).newPage();
    const pageB = await (await e2e.contextFor(b.cookie, 375)).newPage();
    await pageA.goto(`${e2e.server.url}/journals/${journalId}`);
    await pageA.getByRole('button', { name: 'New entry' }).click();
    await pageA.getByLabel('Entry title').fill('Yesterday at the market');
    await pageB.goto(`${e2e.server.url}/journals/${journalId}`);
    const card = pageB.getByRole('list', { name: 'Entries' }).getByRole('listitem').filter({ hasText: 'Yesterday at the market' });
    await card.waitFor();

    const yesterday = await pageA.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() - 1);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await pageA.getByRole('button', { name: 'Change date' }).click();
    await pageA.getByLabel('This entry is about').fill(yesterday);
    await pageA.getByRole('button', { name: 'Save' }).click();
    await pageA.locator(`.entry__date time[datetime="${yesterday}"]`).waitFor();
    // Focus comes back to where it was.
    await pageA.waitForFunction(() => document.activeElement?.textContent === 'Change date');
    await card.locator(`time[datetime="${yesterday}"]`).waitFor();

    // Ben puts a heart on Ada's entry; she sees it live on her timeline.
    await card.getByRole('button', { name: 'Love “Yesterday at the market”' }).click();
    await pageA.goto(`${e2e.server.url}/journals/${journalId}`);
    const cardA = pageA.getByRole('list', { name: 'Entries' }).getByRole('listitem').filter({ hasText: 'Yesterday at the market' });
    await cardA.getByText('Ben loves this').waitFor();
    await screenshot(pageA, 'timeline-heart');
    await card.getByRole('button', { name: 'Love “Yesterday at the market”' }).click();
    await cardA.getByText('Ben loves this').waitFor({ state: 'detached' });
  });

  it('keeps keyboard focus on the new journal after creating it', async () => {
    const ada = new ApiClient(e2e.server.url);
    await ada.signUp('Ada');
    const page = await (await e2e.contextFor(ada.cookie)).newPage();
    await page.goto(`${e2e.server.url}/`);
    await page.getByLabel('Journal title').fill('Summer of us');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Summer of us', level: 1 }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Summer of us');
  });
});
