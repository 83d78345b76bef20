import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { waitForWords } from '../helpers/entryTextProbe.js';

/** A real JPEG made here: a flat colour with a darker band, so photos can be told apart by eye in screenshots. */
async function photoFile(name: string, colour: { r: number; g: number; b: number }, width = 1600, height = 1200) {
  const band = await sharp({ create: { width, height: Math.round(height / 3), channels: 3, background: { r: colour.r / 2, g: colour.g / 2, b: colour.b / 2 } } })
    .png()
    .toBuffer();
  const buffer = await sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([{ input: band, top: Math.round((height * 2) / 3), left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** Polls until the value matches: a reload offline, an upload or the partner's sync can take a few seconds here. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

const figures = (page: Page) => page.locator('figure.photo-block');

/** Waits until the figure shows the server's copy, loaded (not the device's, not a placeholder). */
async function waitForServedPicture(figure: Locator): Promise<void> {
  await figure.locator('img[data-photo-src="server"]').waitFor();
  await eventually(() => figure.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

/**
 * Photos in an entry, in two browsers: Ada adds three (one with no network),
 * Ben sees all three; the offline one waits on Ada's device through a reload
 * and uploads when the network is back; the full-screen view moves through
 * them; Memories lists them by month and leads back to the entry.
 */
describe('photos in entries', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('are added by one partner, offline too, and seen by the other', async () => {
    const { journalId, ada, ben } = await e2e.openCouple([1280, 375]);
    const pageA = ada.page;
    const pageB = ben.page;
    const [sea, dunes, dinner] = await Promise.all([
      photoFile('sea.jpg', { r: 70, g: 140, b: 200 }),
      photoFile('dunes.jpg', { r: 220, g: 180, b: 110 }, 1200, 1600),
      photoFile('dinner.jpg', { r: 190, g: 80, b: 70 }),
    ]);

    await pageA.goto(`${e2e.server.url}/journals/${journalId}`);
    // The app must be in the service worker before the network goes.
    await pageA.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await pageA.getByRole('button', { name: 'New entry' }).click();
    await pageA.getByLabel('Entry title').fill('Beach weekend');
    await pageA.getByLabel('Entry text').click();
    await pageA.keyboard.type('Two days by the sea.');

    // Two at once from the picker: both in the entry at once, from the device, then from the server.
    await pageA.getByTestId('photo-picker').setInputFiles([sea, dunes]);
    await eventually(() => figures(pageA).count()).toBe(2);
    for (let i = 0; i < 2; i++) await waitForServedPicture(figures(pageA).nth(i));
    await figures(pageA).nth(0).getByLabel('Photo caption').fill('Sunset swim');
    const sunsetId = await figures(pageA).nth(0).getAttribute('data-photo-id');
    await pageA.getByTestId('sync-status').getByText('All changes synced').waitFor();

    const entryPath = new URL(pageA.url()).pathname;
    await pageB.goto(e2e.server.url + entryPath);
    await waitForWords(pageB, 'Two days by the sea.');
    await eventually(() => figures(pageB).count()).toBe(2);
    for (let i = 0; i < 2; i++) await waitForServedPicture(figures(pageB).nth(i));
    await eventually(() => figures(pageB).nth(0).getByLabel('Photo caption').inputValue()).toBe('Sunset swim');
    expect(await figures(pageB).nth(0).locator('img').getAttribute('alt')).toBe('Sunset swim');

    // The third with no network, dropped onto the text: in the entry at once, marked as waiting, kept through a reload.
    await ada.context.setOffline(true);
    const before = await figures(pageA).evaluateAll((all) => all.map((figure) => figure.getAttribute('data-photo-id')));
    await dropFile(pageA, pageA.getByLabel('Entry text').locator('p').first(), dinner);
    await eventually(() => figures(pageA).count()).toBe(3);
    const dinnerId = (await figures(pageA).evaluateAll((all) => all.map((figure) => figure.getAttribute('data-photo-id')))).find((id) => !before.includes(id));
    const offlinePhoto = (page: Page) => page.locator(`figure[data-photo-id="${dinnerId}"]`);
    // Dropped on the first paragraph: it goes in after it, not in the middle of its words.
    expect(await figures(pageA).nth(0).getAttribute('data-photo-id')).toBe(dinnerId);
    await offlinePhoto(pageA).getByText('Waiting to upload — saved on this device').waitFor();
    expect(await offlinePhoto(pageA).locator('img').getAttribute('data-photo-src')).toBe('device');
    await screenshot(pageA, 'photos-1-ada-offline-waiting');
    await pageA.reload();
    await eventually(() => figures(pageA).count()).toBe(3);
    await offlinePhoto(pageA).getByText('Waiting to upload — saved on this device').waitFor();
    await eventually(() => offlinePhoto(pageA).locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // Back online: it uploads by itself, and Ben sees it.
    await ada.context.setOffline(false);
    await waitForServedPicture(offlinePhoto(pageA));
    await eventually(() => offlinePhoto(pageA).getByTestId('photo-status').count()).toBe(0);
    await eventually(() => figures(pageB).count()).toBe(3);
    await waitForServedPicture(offlinePhoto(pageB));
    await screenshot(pageA, 'photos-2-ada-entry-1280');
    await screenshot(pageB, 'photos-3-ben-entry-375');

    // Moving a photo with the keyboard buttons moves it for both.
    const firstId = await figures(pageA).nth(0).getAttribute('data-photo-id');
    await figures(pageA).nth(0).getByRole('button', { name: 'Move photo down' }).click();
    await eventually(() => figures(pageA).nth(1).getAttribute('data-photo-id')).toBe(firstId);
    await eventually(() => figures(pageB).nth(1).getAttribute('data-photo-id')).toBe(firstId);
    await eventually(() => pageA.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Move photo/);

    // Full screen on the phone: arrows and swipes move through the entry's photos; Escape gives focus back.
    const opener = figures(pageB).nth(0).getByRole('button', { name: /^Open photo full screen/ });
    await opener.click();
    const viewer = pageB.getByRole('dialog');
    await viewer.getByText('1 of 3').waitFor();
    expect(await figures(pageB).nth(0).getAttribute('data-photo-id')).toBe(sunsetId);
    await viewer.getByText('Sunset swim').waitFor();
    await pageB.keyboard.press('ArrowRight');
    await viewer.getByText('2 of 3').waitFor();
    await eventually(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The phone gets the display size, never the full one.
    expect(await viewer.locator('img').getAttribute('src')).toMatch(/\/display$/);
    await viewportShot(pageB, 'photos-4-ben-full-screen-375');
    await swipe(viewer.locator('.photo-viewer__stage'), -200);
    await viewer.getByText('3 of 3').waitFor();
    await swipe(viewer.locator('.photo-viewer__stage'), 200);
    await viewer.getByText('2 of 3').waitFor();
    await pageB.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    await eventually(() => opener.evaluate((button) => button === document.activeElement)).toBe(true);

    // On a large screen, the full size.
    await figures(pageA).nth(0).getByRole('button', { name: /^Open photo full screen/ }).click();
    await eventually(() => pageA.getByRole('dialog').locator('img').getAttribute('src')).toMatch(/\/full$/);
    await eventually(() => pageA.getByRole('dialog').locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await viewportShot(pageA, 'photos-5-ada-full-screen-1280');
    await pageA.keyboard.press('Escape');

    // Dragging a photo by its handle moves it too (a tall window, so the photo and where it goes are both on screen).
    await pageA.setViewportSize({ width: 1280, height: 2600 });
    await pageA.evaluate(() => window.scrollTo(0, 0));
    const lastId = await figures(pageA).nth(2).getAttribute('data-photo-id');
    await dragByHandle(pageA, figures(pageA).nth(2), pageA.getByLabel('Entry text').locator('p').first());
    await eventually(() => figures(pageA).nth(0).getAttribute('data-photo-id')).toBe(lastId);
    await eventually(() => figures(pageB).nth(0).getAttribute('data-photo-id')).toBe(lastId);
    await pageA.setViewportSize({ width: 1280, height: 800 });

    // Ben pastes a photo. While its upload is held back, Ada's entry shows its place softly (the node came
    // with the words) without asking for the picture; once stored, the picture. Then Ben thinks better of it.
    const kite = await photoFile('kite.jpg', { r: 120, g: 170, b: 90 }, 800, 600);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await ben.context.route('**/api/journals/*/photos/*', async (route) => {
      if (route.request().method() === 'PUT') await held;
      await route.continue();
    });
    const adaAskedFor: string[] = [];
    pageA.on('request', (request) => {
      if (request.url().includes('/photos/')) adaAskedFor.push(request.url());
    });
    const beforePaste = await figures(pageB).evaluateAll((all) => all.map((figure) => figure.getAttribute('data-photo-id')));
    await pageB.getByLabel('Entry text').locator('p').first().click();
    await pastePhoto(pageB, kite);
    await eventually(() => figures(pageB).count()).toBe(4);
    const kiteId = (await figures(pageB).evaluateAll((all) => all.map((figure) => figure.getAttribute('data-photo-id')))).find((id) => !beforePaste.includes(id));
    const kiteOn = (page: Page) => page.locator(`figure[data-photo-id="${kiteId}"]`);
    await kiteOn(pageB).getByText(/Uploading… \d+%/).waitFor();
    await kiteOn(pageA).getByText('A photo is on its way…').waitFor();
    await screenshot(pageA, 'photos-8-ada-partner-photo-arriving');
    expect(adaAskedFor.filter((url) => url.includes(kiteId!))).toEqual([]);
    release();
    await waitForServedPicture(kiteOn(pageA));
    await ben.context.unrouteAll();
    await kiteOn(pageB).getByRole('button', { name: 'Remove photo' }).click();
    await eventually(() => figures(pageA).count()).toBe(3);

    // Memories: the three photos, by month, each leading to its entry.
    for (const [page, name] of [
      [pageA, 'photos-6-ada-memories-1280'],
      [pageB, 'photos-7-ben-memories-375'],
    ] as const) {
      await page.goto(`${e2e.server.url}/journals/${journalId}`);
      await page.getByRole('link', { name: /Memories/ }).click();
      await page.getByRole('heading', { name: 'Memories', level: 1 }).waitFor();
      const thumbs = page.locator('.memories__thumb img');
      await eventually(() => thumbs.count()).toBe(3);
      for (let i = 0; i < 3; i++) await eventually(() => thumbs.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await screenshot(page, name);
    }
    await pageB.locator('.memories__thumb').first().click();
    await pageB.waitForURL((url) => url.pathname === entryPath);
    await eventually(() => figures(pageB).count()).toBe(3);
    // One journey from adding to remembering; each step waits on what the person sees, never on time.
  }, 150_000);

  it('leave the device at logout, after asking, when they have not reached the server', async () => {
    const { journalId, ada } = await e2e.openCouple([1280, 375]);
    const page = ada.page;
    // The server can't be reached for uploads (the words still sync): the photo waits on the device.
    await ada.context.route('**/api/journals/*/photos/*', (route) => (route.request().method() === 'PUT' ? route.abort('failed') : route.continue()));
    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByLabel('Entry title').fill('Picnic');
    await page.getByTestId('photo-picker').setInputFiles([await photoFile('picnic.jpg', { r: 90, g: 160, b: 80 }, 800, 600)]);
    await figures(page).first().getByText('Waiting to upload — saved on this device').waitFor();
    await eventually(() => photosWaitingOnDevice(page)).toBe(1);

    await page.getByRole('button', { name: 'Log out' }).click();
    const ask = page.getByRole('dialog', { name: 'Log out before your changes are synced?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Log out anyway' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await eventually(() => photosWaitingOnDevice(page)).toBe(0);
  });
});

/** How many photos wait in this browser's upload queue (its IndexedDB database). */
function photosWaitingOnDevice(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('duet-photos');
        request.onerror = () => reject(request.error ?? new Error('cannot open'));
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('uploads', 'readonly').objectStore('uploads').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );
}

/** The full-screen view covers the window, not the page: keep what the window shows. */
async function viewportShot(page: Page, name: string): Promise<void> {
  const folder = process.env.DUET_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`) });
}

/** Drops `file` onto the bottom of `target`, as a file dragged from the desktop would arrive. */
async function dropFile(page: Page, target: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nowhere to drop');
  const dataTransfer = await page.evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') },
  );
  await target.dispatchEvent('drop', { dataTransfer, clientX: box.x + box.width / 2, clientY: box.y + box.height - 4 });
}

/** Drags `figure` by its handle with the mouse and lets go over `target` (an HTML5 drag, as ProseMirror expects). */
async function dragByHandle(page: Page, figure: Locator, target: Locator): Promise<void> {
  const handle = await figure.locator('.photo-block__grip').boundingBox();
  const over = await target.boundingBox();
  if (!handle || !over) throw new Error('nothing to drag, or nowhere to drop');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 10, handle.y + handle.height / 2 + 10, { steps: 5 });
  await page.mouse.move(over.x + 30, over.y + 5, { steps: 20 });
  await page.mouse.up();
}

/** Pastes `file` at the caret, as copying a photo and pressing Ctrl+V would. */
async function pastePhoto(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.evaluate(
    ({ name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') },
  );
}

/** A one-finger swipe across `target` by `dx` pixels, as pointer events (what the viewer listens to). */
async function swipe(target: Locator, dx: number): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to swipe on');
  const y = box.y + box.height / 2;
  const x = box.x + box.width / 2 - dx / 2;
  await target.dispatchEvent('pointerdown', { pointerId: 7, pointerType: 'touch', isPrimary: true, clientX: x, clientY: y, button: 0 });
  await target.dispatchEvent('pointerup', { pointerId: 7, pointerType: 'touch', isPrimary: true, clientX: x + dx, clientY: y, button: 0 });
}
