import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { ApiClient } from '../helpers/apiClient.js';
import { launchChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/tempDir.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

/**
 * The CSP names no WebSocket hosts, only 'self'. Chromium must still let a page
 * reach the relay on its own origin, and must refuse any other host. (The full
 * app over the relay is exercised by twoPartners.test.ts; this page is bare, so
 * the test needs no client build.)
 */
describe('content security policy in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const client = tempDir('duet-client-');

  beforeAll(async () => {
    writeFileSync(join(client.path, 'index.html'), '<!doctype html><title>Duet</title>');
    server = await startTestServer({ clientDir: client.path });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    client.remove();
  });

  it('lets the page open a WebSocket to its own origin and blocks every other host', async () => {
    const ada = new ApiClient(server.url);
    await ada.signUp('Ada');
    const room = indexRoom(await ada.createJournal());
    const context = await browser.newContext();
    const [name, value] = ada.cookie!.split('=');
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(server.url);

    const own = `${server.wsUrl}/${room}`;
    // Another origin (this same server under another host name): the policy must stop it before it connects.
    const elsewhere = own.replace('//localhost:', '//127.0.0.1:');
    expect(elsewhere).not.toBe(own);
    const result = await page.evaluate(
      async ({ own, elsewhere }) => {
        const violations: string[] = [];
        const blocked = new Promise<void>((resolve) =>
          document.addEventListener('securitypolicyviolation', (event) => {
            violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
            if (event.blockedURI.includes('127.0.0.1')) resolve();
          }),
        );
        const opened = await new Promise<string>((resolve) => {
          const ws = new WebSocket(own);
          ws.onopen = () => (ws.close(), resolve('open'));
          ws.onclose = (event) => resolve(`closed ${event.code}`);
        });
        try {
          new WebSocket(elsewhere);
        } catch {
          // Some engines refuse in the constructor; the violation event is what counts.
        }
        await blocked;
        return { opened, violations };
      },
      { own, elsewhere },
    );
    expect(result.opened).toBe('open');
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatch(/^connect-src ws:\/\/127\.0\.0\.1:\d+/);
    await context.close();
  });
});
