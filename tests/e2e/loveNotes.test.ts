import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';

/**
 * Love notes in two browsers: a note for tomorrow morning stays invisible to
 * the partner until its time (here the server's clock jumps a day, across a
 * restart: the night passing while the server was down), then waits on the
 * partner's journal page until opened.
 */
describe('love notes', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let ben: E2EPage;
  let journalId: string;
  let shift = 0;

  beforeAll(async () => {
    e2e = await startE2E({ now: () => Date.now() + shift });
    ({ journalId, ada, ben } = await e2e.openCouple());
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('keeps a note for later from the partner until its time, then shows it until it is opened', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}/notes`);
    await ada.page.getByRole('heading', { name: 'Leave a note for Ben' }).waitFor();
    await ada.page.getByLabel('Your note').fill('Look in the pocket of your blue coat.');
    await ada.page.getByLabel('🌙').check();
    await ada.page.getByLabel('Tomorrow morning').check();
    await ada.page.getByRole('button', { name: 'Keep it for later' }).click();
    const later = ada.page.getByRole('list', { name: 'Notes for later' });
    await later.getByText('blue coat').waitFor();
    await screenshot(ada.page, 'notes-1-ada-later');

    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.getByText('Leave Ada a note').waitFor();
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}/notes`);
    await ben.page.getByText('No notes from Ada yet').waitFor();
    expect(await ben.page.content()).not.toContain('blue coat');

    // The night passes while the server is down; it delivers the note when it starts. Ben leaves the
    // notes page first: left open, it would reconnect, show the note and so mark it opened, racing
    // the journal page this test opens next.
    await ben.page.goto('about:blank');
    shift = 24 * 60 * 60 * 1000;
    e2e.server = await e2e.server.restart();
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const card = ben.page.getByTestId('unread-notes');
    await card.getByText('Ada left you a note.').waitFor();
    await screenshot(ben.page, 'notes-2-ben-unread');
    await card.click();
    const fromAda = ben.page.getByRole('list', { name: 'Notes from Ada' });
    await fromAda.getByText('Look in the pocket of your blue coat.').waitFor();
    await screenshot(ben.page, 'notes-3-ben-reads');

    // Opened: the journal page invites a reply instead.
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.getByText('Leave Ada a note').waitFor();
    expect(await ben.page.getByTestId('unread-notes').count()).toBe(0);

    // Ada sees it as sent; "read" only if Ben chose to share it, which he has not.
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}/notes`);
    const sent = ada.page.getByRole('list', { name: 'Notes you sent' });
    await sent.getByText('blue coat').waitFor();
    expect(await sent.getByText('read').count()).toBe(0);
    await screenshot(ada.page, 'notes-4-ada-sent');
  });
});
