import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HASHING_CONCURRENCY, HASHING_QUEUE } from '../../server/auth/PasswordHasher.js';
import { ApiClient } from '../helpers/apiClient.js';
import { tempDir } from '../helpers/tempDir.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const PASSWORD = 'a long enough password';

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: json.error?.code, retryAfter: response.headers.get('retry-after') };
}

const login = (url: string, email: string, password: string, headers?: Record<string, string>) =>
  post(url, '/api/sessions', { email, password }, headers);

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

describe('login under a flood of guesses', () => {
  let server: TestServer;
  let client: { path: string; remove(): void } | null = null;
  afterEach(async () => {
    await server?.cleanup();
    client?.remove();
    client = null;
  });

  it('lets at most the limit of 500 parallel wrong guesses reach the password hash', async () => {
    server = await startTestServer();
    const owner = await new ApiClient(server.url).signUp('Ada');
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => login(server.url, owner.email, `wrong guess ${i}`)));
    // A 401 is a guess that was hashed and judged; every other one was refused before hashing.
    expect(count(answers, 401)).toBeLessThanOrEqual(10);
    expect(count(answers, 401)).toBeGreaterThan(0);
    expect(count(answers, 401) + count(answers, 429) + count(answers, 503)).toBe(500);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.code).toBe('rate_limited');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  });

  it('keeps answering others quickly while logins and sign-ups from many addresses flood in', async () => {
    client = tempDir('duet-client-');
    writeFileSync(join(client.path, 'index.html'), '<!doctype html><title>Duet</title>');
    server = await startTestServer({ trustProxy: true, clientDir: client.path });
    const bystander = new ApiClient(server.url);
    await bystander.signUp('Ben');

    let outstanding = 0;
    let firstAnswer!: () => void;
    const floodAnswering = new Promise<void>((resolve) => (firstAnswer = resolve));
    const flood = Array.from({ length: 500 }, (_, i) => {
      // Each from its own address, so no rate limit stops them: only the hashing bound can.
      const headers = { 'x-forwarded-for': `198.51.${i >> 8}.${i & 255}` };
      const email = `guess-${i}@example.com`;
      outstanding++;
      const answer = i % 2 === 0 ? login(server.url, email, PASSWORD, headers) : post(server.url, '/api/accounts', { name: 'Guest', email, password: PASSWORD }, headers);
      return answer.then((a) => {
        outstanding--;
        firstAnswer();
        return { ...a, kind: i % 2 === 0 ? 'login' : 'signup' };
      });
    });

    // The server is answering the flood: it has taken it in, and hashing is under way.
    await floodAnswering;
    const started = performance.now();
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    await page.text();
    expect((await bystander.request('GET', '/api/me')).status).toBe(200);
    const elapsed = performance.now() - started;
    const stillFlooding = outstanding;

    const answers = await Promise.all(flood);
    // Without the bound, 500 scrypt hashes queue ahead of the page's file reads for many seconds.
    expect(elapsed).toBeLessThan(3000);
    expect(stillFlooding).toBeGreaterThan(0);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.every((a) => a.code === 'busy' && Number(a.retryAfter) > 0)).toBe(true);
    // Logins and sign-ups share one bound, and each request was either hashed or refused at once.
    expect(busy.some((a) => a.kind === 'login') && busy.some((a) => a.kind === 'signup')).toBe(true);
    expect(answers.every((a) => [401, 201, 503].includes(a.status))).toBe(true);
    expect(answers.length - busy.length).toBeGreaterThanOrEqual(HASHING_CONCURRENCY + HASHING_QUEUE);
  });
});
