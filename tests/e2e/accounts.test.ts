import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntry, indexRoom, readEntries } from '#shared/documents/journalIndex.js';
import { smtpMailer } from '../../server/mail/Mailer.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { connectClient, waitForDoc } from '../helpers/collabClient.js';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { type TestMailbox, startTestMailbox } from '../helpers/testMailbox.js';

const PASSWORD = 'a long enough password';

/**
 * Account settings in the browser: a forgotten password reset from the mail the
 * server sent, a new name that the partner sees on past entries, and deleting an
 * account, after which the partner keeps the journal and sees "former member".
 */
describe('accounts people can manage', () => {
  let e2e: E2E;
  let mailbox: TestMailbox;
  beforeAll(async () => {
    mailbox = await startTestMailbox();
    e2e = await startE2E({ mailer: smtpMailer(mailbox.url, 'Duet <duet@example.test>') });
  });
  afterAll(async () => {
    await e2e?.close();
    await mailbox?.close();
  });

  /** An entry Ben wrote, so the timeline has a name to show. */
  async function entryBy(cookie: string, journalId: string, author: { id: string; name: string }) {
    const index = connectClient(`${e2e.server.url.replace(/^http/, 'ws')}/collab`, indexRoom(journalId), cookie);
    await index.synced;
    const entryId = createEntry(index.doc, author);
    const probe = connectClient(`${e2e.server.url.replace(/^http/, 'ws')}/collab`, indexRoom(journalId), cookie);
    await waitForDoc(probe.doc, (doc) => readEntries(doc).some((e) => e.id === entryId));
    index.destroy();
    probe.destroy();
    return entryId;
  }

  it('resets a forgotten password from the login page with the link in the mail', async () => {
    const { userA } = await pairedCouple(e2e.server.url);
    const { context, page } = await e2e.openPage(null, 375);
    await page.goto(`${e2e.server.url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await screenshot(page, 'accounts-forgot-375');
    const wideForgot = await e2e.openPage(null, 1280);
    await wideForgot.page.goto(`${e2e.server.url}/forgot-password`);
    await wideForgot.page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await screenshot(wideForgot.page, 'accounts-forgot-1280');
    await wideForgot.context.close();
    await page.getByLabel('Email', { exact: true }).fill(userA.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('status').getByText('If an account uses this email').waitFor();
    await screenshot(page, 'accounts-forgot-sent-375');

    const mail = await mailbox.nextMailTo(userA.email);
    const link = /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect(link.startsWith(e2e.server.url)).toBe(true);
    // Looking at the link does not use it: first on a wide screen.
    const wide = await e2e.openPage(null, 1280);
    await wide.page.goto(link);
    await wide.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await screenshot(wide.page, 'accounts-reset-1280');
    await wide.context.close();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await screenshot(page, 'accounts-reset-375');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('the lighthouse at dawn');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByRole('heading', { name: 'Your new password is set' }).waitFor();
    await screenshot(page, 'accounts-reset-done-375');
    await page.getByRole('link', { name: 'Log in' }).first().click();
    await page.getByLabel('Email', { exact: true }).fill(userA.email);
    await page.getByLabel('Password', { exact: true }).fill('the lighthouse at dawn');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.site-header__user', { hasText: 'Ada' }).waitFor();

    // The link worked once.
    await page.goto(link);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await context.close();
  });

  it('changes the name, and the partner sees it on what was written before', async () => {
    const { journalId, couple, ada, ben } = await e2e.openCouple([1280, 375]);
    await entryBy(couple.a.cookie!, journalId, { id: couple.userA.id, name: 'Ada' });
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const benTimeline = ben.page.getByRole('list', { name: 'Entries' });
    await benTimeline.getByText('By Ada').waitFor();

    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.getByRole('link', { name: 'Ada' }).click();
    await ada.page.getByRole('heading', { name: 'Your account' }).waitFor();
    await ada.page.getByText(/Signed in .* in use now/).waitFor();
    await screenshot(ada.page, 'accounts-settings-1280');
    await ada.page.getByRole('textbox', { name: 'Your name' }).fill('Ada Byron');
    await ada.page.getByRole('button', { name: 'Save name' }).click();
    await ada.page.getByRole('status').getByText('Saved.').waitFor();
    await ada.page.locator('.site-header__user', { hasText: 'Ada Byron' }).waitFor();
    await benTimeline.getByText('By Ada Byron').waitFor();

    await ben.page.goto(`${e2e.server.url}/account`);
    await ben.page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    await ben.page.getByText(/in use now/).waitFor();
    await screenshot(ben.page, 'accounts-settings-375');
    await ada.context.close();
    await ben.context.close();
  });

  it('deletes an account after saying what happens; the partner keeps the journal, credited to "former member"', async () => {
    const { journalId, couple, ada, ben } = await e2e.openCouple([1280, 375]);
    await entryBy(couple.b.cookie!, journalId, { id: couple.userB.id, name: 'Ben' });
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const adaTimeline = ada.page.getByRole('list', { name: 'Entries' });
    await adaTimeline.getByText('By Ben').waitFor();

    await ben.page.goto(`${e2e.server.url}/account`);
    await ben.page.getByRole('link', { name: 'Delete my account…' }).click();
    await ben.page.getByRole('heading', { name: 'Delete your account' }).waitFor();
    // The journal can be taken along first: its download is right there.
    const download = ben.page.getByRole('link', { name: /^Download “/ });
    expect(await download.getAttribute('href')).toBe(`/api/journals/${journalId}/export`);
    await screenshot(ben.page, 'accounts-delete-375');
    const wide = await e2e.openPage(couple.b.cookie, 1280);
    await wide.page.goto(`${e2e.server.url}/account/delete`);
    await wide.page.getByRole('heading', { name: 'What happens' }).waitFor();
    await screenshot(wide.page, 'accounts-delete-1280');
    await wide.context.close();

    await ben.page.getByLabel('Your password', { exact: true }).fill('not my password');
    await ben.page.getByRole('button', { name: 'Delete my account' }).click();
    await ben.page.getByRole('alert').getByText('That is not your current password.').waitFor();
    await ben.page.getByLabel('Your password', { exact: true }).fill(PASSWORD);
    await ben.page.getByRole('button', { name: 'Delete my account' }).click();
    // The device's copy is gone with the account: this browser is new to Duet again.
    await ben.page.getByText('Your account is deleted.').waitFor();
    await ben.page.getByRole('heading', { name: 'Write your days together.' }).waitFor();
    await screenshot(ben.page, 'accounts-deleted-375');
    expect((await couple.b.request('GET', '/api/me')).status).toBe(401);

    // Ada's timeline changes live; the journal is hers now.
    await adaTimeline.getByText('By former member').waitFor();
    const detail = (await couple.a.request('GET', `/api/journals/${journalId}`)).body;
    expect(detail.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([['Ada', 'owner']]);
    await ada.context.close();
    await ben.context.close();
  });
});
