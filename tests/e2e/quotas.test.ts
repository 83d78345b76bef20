import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JOURNALS_PER_ACCOUNT, MAX_OPEN_INVITES_PER_JOURNAL } from '#shared/model/quotas.js';
import { ApiClient } from '../helpers/apiClient.js';
import { type E2E, startE2E } from '../helpers/e2eSetup.js';

/** When the server refuses a journal or an invite for a quota, the page says the server's reason. */
describe('quotas in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('show why a journal or an invite link was refused', async () => {
    const ada = new ApiClient(e2e.server.url);
    await ada.signUp('Ada');
    let journalId = '';
    for (let i = 0; i < MAX_JOURNALS_PER_ACCOUNT; i++) journalId = await ada.createJournal(`Journal ${i}`);
    for (let i = 0; i < MAX_OPEN_INVITES_PER_JOURNAL; i++) await ada.invite(journalId);
    const { page } = await e2e.openPage(ada.cookie);

    await page.goto(e2e.server.url);
    await page.getByLabel('Journal title').fill('One more');
    await page.getByRole('button', { name: 'Create journal' }).click();
    await page.getByRole('alert').getByText('You have started 20 journals').waitFor();
    // The title was fine: the field is not marked as the problem.
    expect(await page.getByLabel('Journal title').getAttribute('aria-invalid')).toBeNull();

    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    await page.getByRole('list', { name: 'Pending invites' }).getByRole('listitem').nth(MAX_OPEN_INVITES_PER_JOURNAL - 1).waitFor();
    await page.getByRole('button', { name: 'Invite your partner' }).click();
    await page.getByRole('alert').getByText('This journal already has 5 open invite links').waitFor();
    // Revoking one, as the message says, makes room.
    await page.getByRole('button', { name: /^Revoke invite/ }).first().click();
    await expect.poll(() => page.getByRole('list', { name: 'Pending invites' }).getByRole('listitem').count()).toBe(MAX_OPEN_INVITES_PER_JOURNAL - 1);
    await page.getByRole('button', { name: 'Invite your partner' }).click();
    expect(await page.getByLabel('Invite link').inputValue()).toMatch(/\/invite\/[\w-]+$/);
  });
});
