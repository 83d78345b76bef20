import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { createEntry, indexRoom, setEntryText } from '#shared/documents/journalIndex.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { readZip } from '../helpers/readZip.js';
import { tempDir } from '../helpers/tempDir.js';

/** Clicks what starts a download and answers the saved file's bytes. */
async function downloadFrom(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync((await download.path())!);
}

describe('taking the journal with you', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let ben: E2EPage;
  let journalId: string;
  const folder = tempDir('duet-export-e2e-');

  beforeAll(async () => {
    e2e = await startE2E();
    const opened = await e2e.openCouple();
    ({ ada, ben, journalId } = opened);
    const adaId = (await opened.couple.a.request('GET', '/api/me')).body.user.id as string;
    const relay = e2e.server.server.relay;
    let entryId = '';
    await relay.change(indexRoom(journalId), (doc) => {
      entryId = createEntry(doc, { id: adaId, name: 'Ada' }, new Date('2024-06-01T09:00:00Z'));
      setEntryText(doc, entryId, { title: 'Sunday at the lake', preview: 'We swam before breakfast.' });
    });
    await relay.change(entryRoom(journalId, entryId), (doc) => {
      entryTitle(doc).insert(0, 'Sunday at the lake');
      prosemirrorJSONToYXmlFragment(entrySchema(), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We swam before breakfast <and> laughed.' }] }] }, entryBody(doc));
    });
  });
  afterAll(async () => {
    await e2e?.close();
    folder.remove();
  });

  it('downloads the journal from the journal page, and its printable page opens without Duet', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const link = ada.page.getByRole('link', { name: 'Download our journal' });
    await link.waitFor();
    await screenshot(ada.page, 'export-1-journal-page-1280');
    const zip = readZip(await downloadFrom(ada.page, () => link.click()));
    expect([...zip.keys()]).toContain('entries/2024-06-01-sunday-at-the-lake.md');
    for (const [name, bytes] of zip) {
      mkdirSync(dirname(join(folder.path, name)), { recursive: true });
      writeFileSync(join(folder.path, name), bytes);
    }
    // The extracted page, opened as a file: no server, no script.
    await ada.page.goto(pathToFileURL(join(folder.path, 'journal.html')).href);
    await ada.page.getByRole('heading', { name: 'Our journal', level: 1 }).waitFor();
    await ada.page.getByRole('heading', { name: 'Sunday at the lake' }).waitFor();
    expect(await ada.page.getByText('We swam before breakfast <and> laughed.').count()).toBe(1);
    await screenshot(ada.page, 'export-2-printable-page-1280');
    await ada.page.setViewportSize({ width: 375, height: 800 });
    await screenshot(ada.page, 'export-3-printable-page-375');
    await ada.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lets a partner leave with a copy of the journal, downloadable from their home page', async () => {
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ben.page.getByRole('button', { name: 'Leave journal' }).click();
    const dialog = ben.page.getByRole('dialog');
    await dialog.getByText('Your words go with you').waitFor();
    await screenshot(ben.page, 'export-4-leave-dialog-375');
    await dialog.getByRole('button', { name: 'Leave journal' }).click();
    const copies = ben.page.getByRole('region', { name: 'Journals you took with you' });
    await copies.waitFor();
    await screenshot(ben.page, 'export-5-copies-375');
    const zip = readZip(await downloadFrom(ben.page, () => copies.getByRole('link', { name: 'Download' }).click()));
    const json = JSON.parse(zip.get('journal.json')!.toString('utf8'));
    expect(json.entries.map((e: { title: string }) => e.title)).toEqual(['Sunday at the lake']);
  });

  it('tells someone who was removed what happened, once, with the download', async () => {
    const { a, b, journalId: other, userB } = await pairedCouple(e2e.server.url);
    expect((await a.request('DELETE', `/api/journals/${other}/members/${userB.id}`)).status).toBe(204);
    const removed = await e2e.openPage(b.cookie, 1280);
    await removed.page.goto(`${e2e.server.url}/`);
    const notice = removed.page.getByTestId('removed-notice');
    await notice.getByText('Ada removed you from “Our journal”').waitFor();
    await screenshot(removed.page, 'export-6-removed-notice-1280');
    await notice.getByRole('button', { name: 'I understand' }).click();
    await notice.waitFor({ state: 'detached' });
    await removed.page.getByRole('region', { name: 'Journals you took with you' }).waitFor();
    // The invitation says the rule before anyone joins.
    const token = await a.invite(other);
    const invited = await e2e.openPage(null, 375);
    await invited.page.goto(`${e2e.server.url}/invite/${token}`);
    await invited.page.getByTestId('leaving-rule').waitFor();
    await screenshot(invited.page, 'export-7-invite-rule-375');
  });
});
