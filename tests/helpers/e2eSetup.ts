import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { pairedCouple } from './apiClient.js';
import { launchChromium } from './browser.js';
import { buildClient } from './buildClient.js';
import { installEntryTextProbe } from './entryTextProbe.js';
import { tempDir } from './tempDir.js';
import type { Mailer } from '../../server/mail/Mailer.js';
import { type TestServer, startTestServer } from './testServer.js';

export interface E2EPage {
  context: BrowserContext;
  page: Page;
}

export interface E2E {
  /** Replace it with `await e2e.server.restart()` to restart the server on the same port. */
  server: TestServer;
  browser: Browser;
  /** A browser context already logged in with this session cookie. */
  contextFor(cookie: string | null, width?: number): Promise<BrowserContext>;
  /** A page in its own logged-in context, with the entry text probe installed. */
  openPage(cookie: string | null, width?: number): Promise<{ context: BrowserContext; page: Page }>;
  /** Ada and Ben, paired in one journal through the API, each with a page (Ada wide, Ben on a phone unless told). */
  openCouple(widths?: [number, number]): Promise<{ journalId: string; couple: Awaited<ReturnType<typeof pairedCouple>>; ada: E2EPage; ben: E2EPage }>;
  close(): Promise<void>;
}

/** Builds the current client, serves it from a real server on port 0 and starts Chromium. */
export async function startE2E(options: { now?: () => number; mailer?: Mailer | null } = {}): Promise<E2E> {
  const build = tempDir('duet-client-');
  const clientDir = join(build.path, 'client');
  await buildClient(clientDir);
  const browser = await launchChromium();
  const e2e: E2E = {
    server: await startTestServer({ clientDir, now: options.now, mailer: options.mailer }),
    browser,
    async contextFor(cookie, width = 1280) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      if (cookie) {
        const [name, value] = cookie.split('=');
        await context.addCookies([{ name, value, url: e2e.server.url }]);
      }
      return context;
    },
    async openPage(cookie, width) {
      const context = await e2e.contextFor(cookie, width);
      await context.addInitScript(installEntryTextProbe);
      return { context, page: await context.newPage() };
    },
    async openCouple([adaWidth, benWidth] = [1280, 375]) {
      const couple = await pairedCouple(e2e.server.url);
      return { journalId: couple.journalId, couple, ada: await e2e.openPage(couple.a.cookie, adaWidth), ben: await e2e.openPage(couple.b.cookie, benWidth) };
    },
    async close() {
      await browser.close();
      await e2e.server.cleanup();
      build.remove();
    },
  };
  return e2e;
}

/** Saves a full-page screenshot when DUET_SCREENSHOTS names a folder, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.DUET_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}
