import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { waitForWords } from '../helpers/entryTextProbe.js';

/**
 * A quiet draft: written (partly offline), invisible to the partner's
 * screens, and once shared an ordinary entry the partner reads and writes in.
 */
describe('quiet drafts', () => {
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

  it('stays invisible to the partner until shared, then is an entry for both', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.getByRole('button', { name: 'Start a private draft' }).click();
    await ada.page.getByText('Private draft.').waitFor();
    await ada.page.getByLabel('Entry title').fill('What I want for us this winter');
    await ada.page.getByLabel('Draft text').click();
    await ada.page.keyboard.type('Slow Sunday mornings. ');
    await ada.context.setOffline(true);
    await ada.page.keyboard.type('And a trip north to see the lights.');
    await screenshot(ada.page, 'draft-1-ada-writing');
    await ada.context.setOffline(false);
    await ada.page.getByTestId('draft-sync-status').getByText('All changes synced').waitFor();

    // Ben's journal, reloaded: no card, no title, nothing.
    await ben.page.reload();
    await ben.page.getByRole('heading', { name: 'Entries' }).waitFor();
    expect(await ben.page.content()).not.toContain('this winter');
    expect(await ben.page.getByRole('list', { name: 'Entries' }).getByRole('listitem').count()).toBe(0);

    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.getByRole('list', { name: 'Your private drafts' }).getByRole('link', { name: 'What I want for us this winter' }).click();
    await screenshot(ada.page, 'draft-2-ada-before-share');
    await ada.page.getByRole('button', { name: 'Share with Ben' }).click();
    await ada.page.waitForURL(/\/entries\//);
    await waitForWords(ada.page, 'lights');

    // It arrives on Ben's timeline by itself; he opens it and writes in it.
    const item = ben.page.getByRole('list', { name: 'Entries' }).getByRole('link', { name: 'What I want for us this winter' });
    await item.waitFor();
    await screenshot(ben.page, 'draft-3-ben-timeline');
    await item.click();
    await waitForWords(ben.page, 'Slow Sunday mornings. And a trip north to see the lights.');
    await ben.page.getByLabel('Entry text').click();
    await ben.page.keyboard.press('Control+End');
    await ben.page.keyboard.type(' Yes to all of it.');
    await waitForWords(ada.page, 'Yes to all of it');
    // The draft list is empty again.
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.getByText('A place to think before sharing.').waitFor();
  });
});
