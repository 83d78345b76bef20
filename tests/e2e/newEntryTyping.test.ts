import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { waitForWords } from '../helpers/entryTextProbe.js';

/**
 * Issue 12's first defect: keys typed right after "New entry", before the
 * entry page and its title exist, were dropped ("Picnic plans" became "nic
 * plans"). Every key a person types must land.
 */
describe('typing straight after New entry', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let journalId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    ({ journalId, ada } = await e2e.openCouple());
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('keeps every key, in the title and then the text', async () => {
    for (const [title, text] of [
      ['Picnic plans', 'Bread, cherries and the blue blanket.'],
      ['Sunday at the lake', 'We swam before breakfast.'],
    ]) {
      await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
      await ada.page.getByRole('button', { name: 'New entry' }).waitFor();
      await ada.page.getByRole('button', { name: 'New entry' }).click();
      // At once, at 60 ms a key, as a person who knows what they want to write.
      await ada.page.keyboard.type(title, { delay: 60 });
      await ada.page.keyboard.press('Enter');
      await ada.page.keyboard.type(text, { delay: 60 });
      await expect.poll(() => ada.page.getByLabel('Entry title').inputValue()).toBe(title);
      await waitForWords(ada.page, text);
      await screenshot(ada.page, `new-entry-typed-${title.split(' ')[0].toLowerCase()}`);
    }
  });
});
