import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';

/**
 * The shared bucket list in two browsers (Ada on a laptop, Ben on a phone):
 * both add and edit at the same moment, reorder by dragging and by keyboard,
 * Ben keeps going offline, a tick shows who and when on both screens, a
 * removal can be undone, and "Make it a memory" opens one entry for both.
 */
describe('the bucket list, by two at once', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let ben: E2EPage;
  let journalId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    ({ journalId, ada, ben } = await e2e.openCouple([1280, 375]));
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const toDo = (page: Page) => page.getByRole('list', { name: 'Still to do' });
  const doneList = (page: Page) => page.getByRole('list', { name: 'Done together' });
  /** The words of the wishes still to do, top to bottom. */
  const order = (page: Page) => toDo(page).locator('textarea').evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value));
  const words = (page: Page, name: string) => page.getByRole('textbox', { name: `Words of “${name}”` });

  async function add(page: Page, text: string, kind: string) {
    await page.getByText(kind, { exact: true }).first().click();
    await page.getByLabel('Something you’d love to do together').fill(text);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
  }

  /** Drags a wish by its handle so its middle lands on the middle of `onto`'s row. */
  async function drag(page: Page, name: string, onto: string) {
    const handle = page.getByRole('button', { name: `Move “${name}”`, exact: true });
    const from = (await handle.boundingBox())!;
    const target = (await page.getByRole('checkbox', { name: onto }).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, target.y + target.height / 2 + (target.y > from.y ? 12 : -12), { steps: 12 });
    await page.mouse.up();
  }

  it('is reached from the journal page and filled by both at the same moment', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const card = (page: Page) => page.getByRole('region', { name: 'Bucket list' });
    await card(ada.page).getByText('Dream up a few things').waitFor();
    await card(ben.page).scrollIntoViewIfNeeded();
    await screenshot(ben.page, 'bucket-0-ben-journal-card');
    await card(ada.page).getByRole('link', { name: 'Start our bucket list' }).click();
    await card(ben.page).getByRole('link', { name: 'Start our bucket list' }).click();
    await ada.page.getByRole('heading', { name: 'Our bucket list' }).waitFor();
    await ben.page.getByRole('heading', { name: 'Our bucket list' }).waitFor();
    await ada.page.getByTestId('bucket-here').getByText('Ben is here with you').waitFor();
    await screenshot(ada.page, 'bucket-1-ada-empty');
    await screenshot(ben.page, 'bucket-2-ben-empty');

    await Promise.all([add(ada.page, 'Lisbon in spring', 'Travel'), add(ben.page, 'Learn to make ramen', 'Food & drink')]);
    await add(ada.page, 'Swim in the sea at midnight', 'Adventures');
    await add(ben.page, 'Breakfast in bed on a rainy Sunday', 'Small things');
    for (const page of [ada.page, ben.page]) await expect.poll(() => order(page).then((o) => o.length)).toBe(4);
    expect(await order(ben.page)).toEqual(await order(ada.page));

    // Both change the same wish at once: each keeps the other's words.
    await Promise.all([
      (async () => {
        await words(ada.page, 'Lisbon in spring').click();
        await ada.page.keyboard.press('End');
        await ada.page.keyboard.type(', by tram', { delay: 15 });
      })(),
      (async () => {
        await words(ben.page, 'Lisbon in spring').click();
        await ben.page.keyboard.press('Home');
        await ben.page.keyboard.type('Slow days in ', { delay: 15 });
      })(),
    ]);
    const merged = 'Slow days in Lisbon in spring, by tram';
    await ada.page.keyboard.press('Enter');
    await ben.page.keyboard.press('Enter');
    for (const page of [ada.page, ben.page]) await expect.poll(() => words(page, merged).inputValue()).toBe(merged);

    // Who added what.
    const lisbonRow = ben.page.locator('[data-item-id]').filter({ has: ben.page.getByRole('checkbox', { name: merged }) });
    await lisbonRow.getByText('Added by Ada').waitFor();
    await ada.page.locator('[data-item-id]').filter({ has: ada.page.getByRole('checkbox', { name: merged }) }).getByText('Added by you').waitFor();
    await screenshot(ada.page, 'bucket-3-ada-four');
    await screenshot(ben.page, 'bucket-4-ben-four');
  });

  it('is reordered by dragging on one side and by keyboard on the other, and both agree', async () => {
    const before = await order(ada.page);
    // Ada drags the bottom wish to the top.
    const last = before[3];
    await drag(ada.page, last, before[0]);
    await expect.poll(() => order(ada.page).then((o) => o[0])).toBe(last);
    await expect.poll(() => order(ben.page)).toEqual(await order(ada.page));

    // Ben moves the (new) top one down one place with the keyboard.
    const top = (await order(ben.page))[0];
    await ben.page.getByRole('button', { name: `Move “${top}”`, exact: true }).focus();
    await ben.page.keyboard.press('ArrowDown');
    await expect.poll(() => order(ben.page).then((o) => o[1])).toBe(top);
    // Focus stays on the handle, so a second press moves it on.
    await ben.page.keyboard.press('ArrowDown');
    await expect.poll(() => order(ben.page).then((o) => o[2])).toBe(top);
    await expect.poll(() => order(ada.page)).toEqual(await order(ben.page));
  });

  it('keeps everything Ben does offline, and merges it with Ada’s changes', async () => {
    await ben.context.setOffline(true);
    await add(ben.page, 'Sleep under the stars', 'Adventures');
    // Kept on his phone, and it says so.
    await ben.page.getByTestId('bucket-sync-status').getByText('Offline: saved on this device').waitFor();
    const ramenTop = await order(ben.page);
    await ben.page.getByRole('button', { name: 'Move “Learn to make ramen”', exact: true }).focus();
    for (let i = ramenTop.indexOf('Learn to make ramen'); i > 0; i--) await ben.page.keyboard.press('ArrowUp');
    await ada.page.getByRole('button', { name: 'Move “Learn to make ramen”', exact: true }).focus();
    await ada.page.keyboard.press('ArrowDown');
    await add(ada.page, 'Dance in the kitchen', 'Small things');
    await screenshot(ben.page, 'bucket-5-ben-offline');

    await ben.context.setOffline(false);
    await ben.page.getByTestId('bucket-sync-status').getByText('All changes synced').waitFor();
    for (const page of [ada.page, ben.page]) await expect.poll(() => order(page).then((o) => o.length)).toBe(6);
    await expect.poll(() => order(ada.page)).toEqual(await order(ben.page));
    const final = await order(ada.page);
    // Nothing lost, nothing twice.
    expect(new Set(final).size).toBe(6);
    expect(final).toEqual(expect.arrayContaining(['Sleep under the stars', 'Dance in the kitchen', 'Learn to make ramen']));
  });

  it('shows who ticked a wish off and when, and lets a removal be undone', async () => {
    const merged = 'Slow days in Lisbon in spring, by tram';
    await ben.page.getByRole('checkbox', { name: merged }).check();
    const day = await ada.page.evaluate(() => new Date().toLocaleDateString(undefined, { day: 'numeric', month: 'long' }));
    await doneList(ada.page).getByText(`Done by Ben, ${day}`).waitFor();
    await doneList(ben.page).getByText(`Done by you, ${day}`).waitFor();
    expect(await order(ada.page)).not.toContain(merged);

    await ada.page.getByRole('button', { name: 'Remove “Dance in the kitchen”' }).click();
    await expect.poll(() => order(ben.page)).not.toContain('Dance in the kitchen');
    await ada.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => order(ben.page)).toContain('Dance in the kitchen');

    // A filter shows one kind; done ones of that kind stay below.
    await ben.page.getByRole('button', { name: /^Travel/ }).click();
    await expect.poll(() => order(ben.page)).toEqual([]);
    await doneList(ben.page).getByRole('checkbox', { name: merged }).waitFor();
    await ben.page.getByRole('button', { name: /^Everything/ }).click();
    await screenshot(ada.page, 'bucket-6-ada-done');
    await screenshot(ben.page, 'bucket-7-ben-done');
  });

  it('makes a done wish a memory: one entry, opened from either side', async () => {
    const merged = 'Slow days in Lisbon in spring, by tram';
    await doneList(ada.page).getByRole('button', { name: 'Make it a memory' }).click();
    await ada.page.waitForURL(/\/entries\//);
    const entryPath = new URL(ada.page.url()).pathname;
    await expect.poll(() => ada.page.getByLabel('Entry title').inputValue()).toBe(merged);
    await ada.page.getByText(/Off our bucket list: done on .*, ticked off by Ben\. Ada put it on the list that same day\./).waitFor();
    await screenshot(ada.page, 'bucket-8-ada-memory');

    // Ben's list now opens the same entry.
    await doneList(ben.page).getByRole('button', { name: 'Open our memory' }).click();
    await ben.page.waitForURL(/\/entries\//);
    expect(new URL(ben.page.url()).pathname).toBe(entryPath);
    await expect.poll(() => ben.page.getByLabel('Entry title').inputValue()).toBe(merged);

    // Back on Ada's list, pressing again opens the same entry, and the timeline holds it once.
    await ada.page.goBack();
    await doneList(ada.page).getByRole('button', { name: 'Open our memory' }).click();
    await ada.page.waitForURL(/\/entries\//);
    expect(new URL(ada.page.url()).pathname).toBe(entryPath);
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await expect.poll(() => ada.page.getByRole('list', { name: 'Entries' }).getByRole('link', { name: merged }).count()).toBe(1);
    await ada.page.getByRole('region', { name: 'Bucket list' }).getByText('5 to do · 1 done together').waitFor();
    // On the timeline it counts among the memories.
    await ada.page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Memories 1' }).waitFor();
    await screenshot(ada.page, 'bucket-9-ada-journal');
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.getByRole('region', { name: 'Bucket list' }).getByText('5 to do · 1 done together').waitFor();
    await screenshot(ben.page, 'bucket-9-ben-journal');
  });

  it('makes a memory offline too, which reaches the partner when the phone is back', async () => {
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}/bucket`);
    await toDo(ben.page).waitFor();
    await ben.context.setOffline(true);
    await ben.page.getByRole('checkbox', { name: 'Sleep under the stars', exact: true }).check();
    await doneList(ben.page).getByRole('button', { name: 'Make it a memory' }).first().click();
    await ben.page.waitForURL(/\/entries\//);
    await expect.poll(() => ben.page.getByLabel('Entry title').inputValue()).toBe('Sleep under the stars');
    await ben.page.getByText(/ticked off by Ben\. Ben put it on the list/).waitFor();
    // Its words are on this phone, so nothing says they are elsewhere.
    expect(await ben.page.getByText('This entry’s text isn’t saved on this device yet').count()).toBe(0);
    const entryPath = new URL(ben.page.url()).pathname;
    await screenshot(ben.page, 'bucket-10-ben-memory-offline');

    await ben.context.setOffline(false);
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}/bucket`);
    const row = doneList(ada.page).locator('[data-item-id]').filter({ has: ada.page.getByRole('checkbox', { name: 'Sleep under the stars', exact: true }) });
    await row.getByRole('button', { name: 'Open our memory' }).click();
    await ada.page.waitForURL(/\/entries\//);
    expect(new URL(ada.page.url()).pathname).toBe(entryPath);
    await expect.poll(() => ada.page.getByLabel('Entry title').inputValue()).toBe('Sleep under the stars');
  });
});
