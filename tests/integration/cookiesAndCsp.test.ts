import { afterEach, describe, expect, it } from 'vitest';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { ApiClient } from '../helpers/apiClient.js';
import { upgradeStatus } from '../helpers/rawSocket.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

/** A Set-Cookie line as a name, a value and its attributes (lowercased names). */
function parseSetCookie(line: string) {
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  return {
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    attributes: new Map(attributes.map((a) => [a.split('=')[0].toLowerCase(), a.split('=')[1] ?? ''] as const)),
  };
}

async function signUpRaw(url: string) {
  const response = await fetch(`${url}/api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', password: 'a long enough password' }),
  });
  expect(response.status).toBe(201);
  return response.headers.getSetCookie().map(parseSetCookie);
}

describe('session cookie', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.cleanup();
  });

  it('is __Host-duet_session over https: Secure, Path=/, no Domain, and only that name counts', async () => {
    server = await startTestServer({ secureCookies: true });
    const cookies = await signUpRaw(server.url);
    const session = cookies.find((c) => c.name.endsWith('duet_session'))!;
    expect(session.name).toBe('__Host-duet_session');
    expect(session.attributes.has('secure')).toBe(true);
    expect(session.attributes.get('path')).toBe('/');
    expect(session.attributes.has('domain')).toBe(false);
    expect(session.attributes.has('httponly')).toBe(true);
    // The device cookie follows the same rule.
    const device = cookies.find((c) => c.name.endsWith('duet_device'))!;
    expect(device.name).toBe('__Host-duet_device');
    expect(device.attributes.has('secure') && device.attributes.get('path') === '/' && !device.attributes.has('domain')).toBe(true);

    const client = new ApiClient(server.url);
    client.cookie = `__Host-duet_session=${session.value}`;
    expect((await client.request('GET', '/api/me')).status).toBe(200);
    const journalId = await client.createJournal();
    expect(await upgradeStatus(`${server.wsUrl}/${indexRoom(journalId)}`, client.cookie)).toBe(101);
    // The same token under the old name, as a planted cookie would arrive, is not a session.
    const planted = `duet_session=${session.value}`;
    expect(await fetchMe(server.url, planted)).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/${indexRoom(journalId)}`, planted)).toBe(401);

    const logout = await client.request('DELETE', '/api/sessions/current');
    const cleared = parseSetCookie(logout.headers.get('set-cookie')!);
    expect(cleared.name).toBe('__Host-duet_session');
    expect(cleared.attributes.get('max-age')).toBe('0');
    expect(cleared.attributes.has('secure')).toBe(true);
  });

  it('stays duet_session over plain http, without Secure', async () => {
    server = await startTestServer();
    const session = (await signUpRaw(server.url)).find((c) => c.name.endsWith('duet_session'))!;
    expect(session.name).toBe('duet_session');
    expect(session.attributes.has('secure')).toBe(false);
    expect(await fetchMe(server.url, `duet_session=${session.value}`)).toBe(200);
  });
});

async function fetchMe(url: string, cookie: string): Promise<number> {
  const response = await fetch(`${url}/api/me`, { headers: { cookie } });
  await response.arrayBuffer();
  return response.status;
}

describe('content security policy', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.cleanup();
  });

  it('lets the page connect only to its own origin', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/api/me`);
    await response.arrayBuffer();
    const directives = new Map(
      response.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values] as const),
    );
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });
});
