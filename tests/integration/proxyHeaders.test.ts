import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

/** What the reverse proxy in front of Duet adds: the client's address, appended to whatever the client sent. */
function viaProxy(clientAddress: string, clientSent?: string): Record<string, string> {
  return { 'x-forwarded-for': clientSent ? `${clientSent}, ${clientAddress}` : clientAddress };
}

async function signUpWeak(url: string, headers: Record<string, string>): Promise<number> {
  // A weak password is refused before any hashing, but the attempt still counts against the sign-up limit.
  const response = await fetch(`${url}/api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'Eve', email: 'eve@example.com', password: 'short' }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('behind a trusted proxy (DUET_TRUST_PROXY=1)', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.cleanup();
  });

  it('limits by the address the proxy appended, whatever the client writes before it', async () => {
    server = await startTestServer({ trustProxy: true });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      // A new made-up first entry each time, in every spelling a parser might trip on.
      const spoof = [`10.0.${i}.1`, `2001:db8::${i}`, `[2001:db8::${i}]:443`, 'unknown'][i % 4];
      statuses.push(await signUpWeak(server.url, viaProxy('203.0.113.7', spoof)));
    }
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses[20]).toBe(429);
    // The same client seen again in another spelling of its address is the same client.
    expect(await signUpWeak(server.url, viaProxy('::ffff:203.0.113.7'))).toBe(429);
    // Someone else behind the same proxy is not affected.
    expect(await signUpWeak(server.url, viaProxy('198.51.100.9', '203.0.113.7'))).toBe(422);
  });

  it('groups IPv6 clients by /64 however the proxy spells the address', async () => {
    server = await startTestServer({ trustProxy: true });
    const spellings = ['2001:db8:0:1::1', '2001:DB8:0:1::2', '2001:0db8:0000:0001:0000:0000:0000:0003', '[2001:db8:0:1::4]:51234'];
    for (let i = 0; i < 20; i++) expect(await signUpWeak(server.url, viaProxy(spellings[i % spellings.length]))).toBe(422);
    expect(await signUpWeak(server.url, viaProxy('2001:db8:0:1:ffff::5'))).toBe(429);
    expect(await signUpWeak(server.url, viaProxy('2001:db8:0:2::1'))).toBe(422);
  });

  it('takes the public host from the last X-Forwarded-Host entry for the same-site check', async () => {
    server = await startTestServer({ trustProxy: true });
    const post = (origin: string, forwardedHost: string) =>
      fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'x-forwarded-host': forwardedHost },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'a long enough password' }),
      }).then(async (r) => ((await r.arrayBuffer()), r.status));
    // A page on another site cannot pass by naming its own host before the proxy's entry.
    expect(await post('https://evil.example', 'evil.example, duet.example')).toBe(403);
    // A proxy chain that appends still lets the real site through.
    expect(await post('https://duet.example', 'evil.example, duet.example')).toBe(401);
  });

  it('ignores X-Forwarded-For when not behind a proxy', async () => {
    server = await startTestServer();
    for (let i = 0; i < 20; i++) expect(await signUpWeak(server.url, viaProxy(`203.0.113.${i}`))).toBe(422);
    expect(await signUpWeak(server.url, viaProxy('203.0.113.200'))).toBe(429);
  });
});
