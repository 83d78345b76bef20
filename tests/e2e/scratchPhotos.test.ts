import sharp from 'sharp';
import { afterAll, beforeAll, it } from 'vitest';
import { type E2E, startE2E } from '../helpers/e2eSetup.js';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

it('scratch', async () => {
  const { journalId, ada } = await e2e.openCouple([1280, 375]);
  const page = ada.page;
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  const buffer = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 70, g: 140, b: 200 } } }).jpeg().toBuffer();
  const b2 = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: { r: 220, g: 180, b: 110 } } }).jpeg().toBuffer();
  await page.goto(`${e2e.server.url}/journals/${journalId}`);
  await page.screenshot({ path: '/tmp/shots-photos-client/s0-journal.png' });
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByLabel('Entry title').fill('Beach weekend');
  await page.getByLabel('Entry text').click();
  await page.keyboard.type('Two days by the sea.');
  await page.getByTestId('photo-picker').setInputFiles([{ name: 'a.jpg', mimeType: 'image/jpeg', buffer }, { name: 'b.jpg', mimeType: 'image/jpeg', buffer: b2 }]);
  await page.locator('figure.photo-block').nth(1).waitFor();
  await new Promise((r) => setTimeout(r, 1500));
  await page.screenshot({ path: '/tmp/shots-photos-client/s1-entry.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: '/tmp/shots-photos-client/s2-entry-375.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('figure.photo-block').nth(0).getByRole('button', { name: /^Open photo/ }).click();
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({ path: '/tmp/shots-photos-client/s3-viewer.png' });
  await page.keyboard.press('Escape');
  await page.goto(`${e2e.server.url}/journals/${journalId}/memories`);
  await new Promise((r) => setTimeout(r, 1500));
  await page.screenshot({ path: '/tmp/shots-photos-client/s4-memories.png', fullPage: true });
});
