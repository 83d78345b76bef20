import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinRoom, focusText } from '#shared/documents/checkin.js';
import { addDays, isoWeek, localDay } from '#shared/rituals/calendar.js';
import { type ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { connectClient, waitForDoc } from '../helpers/collabClient.js';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';

/**
 * The weekly check-in in two browsers: a gentle line on the chosen day, both
 * partners start this week's check-in at the same moment (Ben offline) and
 * end in one entry, each writing in their own column and reading the other's.
 */
describe('the weekly check-in', () => {
  let e2e: E2E;
  let ada: { context: BrowserContext; page: Page };
  let ben: { context: BrowserContext; page: Page };
  let journalId: string;
  let adaApi: ApiClient;

  beforeAll(async () => {
    e2e = await startE2E();
    const couple = await pairedCouple(e2e.server.url);
    journalId = couple.journalId;
    adaApi = couple.a;
    ada = await e2e.openPage(couple.a.cookie, 1280);
    ben = await e2e.openPage(couple.b.cookie, 375);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const card = (page: Page) => page.getByRole('region', { name: 'Weekly check-in' });

  it('reminds gently on the chosen day, and lets the couple change it', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await card(ada.page).waitFor();
    // Today, in the browser's zone (the couple's, as the journal page told the server): 1 = Monday ... 7 = Sunday.
    const today = await ada.page.evaluate(() => new Date().getDay() || 7);
    const tomorrow = (today % 7) + 1;
    await card(ada.page).getByLabel('Check-in day').selectOption(String(tomorrow));
    await expect.poll(() => card(ben.page).getByTestId('checkin-reminder').textContent()).toMatch(/^How are we doing\?/);
    await screenshot(ben.page, 'checkin-1-ben-other-day');
    await card(ben.page).getByLabel('Check-in day').selectOption(String(today));
    await card(ada.page).getByText('It’s check-in day. How are we doing?').waitFor();
    await card(ben.page).getByText('It’s check-in day. How are we doing?').waitFor();
    await screenshot(ada.page, 'checkin-2-ada-reminder');
    await screenshot(ben.page, 'checkin-3-ben-reminder');
  });

  it('is started by both at the same moment, one of them offline, and ends as one entry', async () => {
    // Last week they agreed on one thing to work on (written here by Ada's stock client).
    const zone = await ada.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const lastWeek = checkinRoom(journalId, isoWeek(addDays(localDay(Date.now(), zone), -7)));
    const earlier = connectClient(`${e2e.server.url.replace(/^http/, 'ws')}/collab`, lastWeek, adaApi.cookie);
    await earlier.synced;
    focusText(earlier.doc).insert(0, 'Phones away at dinner');
    const probe = connectClient(`${e2e.server.url.replace(/^http/, 'ws')}/collab`, lastWeek, adaApi.cookie);
    await waitForDoc(probe.doc, (doc) => focusText(doc).length > 0);
    earlier.destroy();
    probe.destroy();

    await ben.context.setOffline(true);
    const start = (page: Page) => card(page).getByRole('link', { name: 'Start this week’s check-in' }).click();
    await Promise.all([start(ada.page), start(ben.page)]);
    await ada.page.getByRole('heading', { name: 'How are we doing?' }).waitFor();
    await ben.page.getByRole('heading', { name: 'How are we doing?' }).waitFor();
    // The same week, so the same document: its name comes from the journal and the week alone.
    expect(new URL(ben.page.url()).pathname).toBe(new URL(ada.page.url()).pathname);
    expect(new URL(ada.page.url()).pathname).toMatch(/\/checkins\/\d{4}-W\d{2}$/);

    // Each writes in their own column: Ben with no network at all.
    await ben.page.getByLabel('Appreciations: your words').pressSequentially('You let me sleep in on Saturday.');
    await ben.page.getByLabel('What was hard: your words').pressSequentially('The long days at the new job.');
    await ben.page.getByTestId('checkin-sync-status').getByText(/Offline/).waitFor();
    await screenshot(ben.page, 'checkin-4-ben-offline');
    await ada.page.getByLabel('Appreciations: your words').pressSequentially('The soup you left for me on Tuesday.');
    await ada.page.getByLabel('Our one thing to work on, shared').pressSequentially('An evening a week with no screens');

    // Ben's device comes back: both columns and the shared thing are on both screens, in one document.
    await ben.context.setOffline(false);
    await ada.page.getByRole('region', { name: 'Appreciations: Ben’s words' }).getByText('sleep in on Saturday').waitFor();
    await ada.page.getByRole('region', { name: 'What was hard: Ben’s words' }).getByText('new job').waitFor();
    await ben.page.getByRole('region', { name: 'Appreciations: Ada’s words' }).getByText('soup you left').waitFor();
    await expect.poll(() => ben.page.getByLabel('Our one thing to work on, shared').inputValue()).toBe('An evening a week with no screens');
    // Each column stays its writer's: Ben's words never landed in Ada's box, nor hers in his.
    expect(await ada.page.getByLabel('Appreciations: your words').inputValue()).toBe('The soup you left for me on Tuesday.');
    expect(await ben.page.getByLabel('Appreciations: your words').inputValue()).toBe('You let me sleep in on Saturday.');
    await ben.page.getByTestId('checkin-sync-status').getByText('All changes synced').waitFor();

    // Last week's thing came along, written by the server; Ben says it is done, and Ada sees who did.
    await ben.page.getByRole('checkbox', { name: 'Phones away at dinner' }).check();
    await ada.page.getByText('Done, marked by Ben').waitFor();
    expect(await ada.page.getByRole('checkbox', { name: 'Phones away at dinner' }).isChecked()).toBe(true);
    await screenshot(ada.page, 'checkin-5-ada-together');
    await screenshot(ben.page, 'checkin-6-ben-together');

    // Back on the journal page, this week's check-in is one that has begun.
    await ada.page.locator('.back-link').click();
    await card(ada.page).getByRole('link', { name: 'Open this week’s check-in' }).waitFor();
    // And it is part of the record on the timeline.
    await ada.page.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'How are we doing?' }).first().waitFor();
  });
});
