import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../server/auth/LoginGuard.js';
import { HASHING_CONCURRENCY, HASHING_QUEUE } from '../../server/auth/PasswordHasher.js';
import { ApiClient } from '../helpers/apiClient.js';
import { tempDir } from '../helpers/tempDir.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const PASSWORD = 'a long enough password';

interface Answer {
  status: number;
  code: string | undefined;
  message: string | undefined;
  retryAfter: string | null;
  setCookies: string[];
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { error?: { code: string; message: string } };
  return {
    status: response.status,
    code: json.error?.code,
    message: json.error?.message,
    retryAfter: response.headers.get('retry-after'),
    setCookies: response.headers.getSetCookie(),
  };
}

/**
 * One browser at one address (behind the test's trusted proxy): it keeps the
 * device cookie the server gives it, as a browser would.
 */
class Browser {
  deviceCookie: string | null = null;

  constructor(
    readonly url: string,
    public address: string,
  ) {}

  async send(path: string, body: unknown): Promise<Answer> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address };
    if (this.deviceCookie) headers.cookie = this.deviceCookie;
    const answer = await post(this.url, path, body, headers);
    const device = answer.setCookies.find((c) => c.startsWith('duet_device='));
    if (device) this.deviceCookie = device.split(';')[0];
    return answer;
  }

  logIn(email: string, password: string): Promise<Answer> {
    return this.send('/api/sessions', { email, password });
  }

  async signUp(email: string): Promise<void> {
    expect((await this.send('/api/accounts', { name: 'Ada', email, password: PASSWORD })).status).toBe(201);
  }
}

/** The statuses of `times` wrong guesses made one after another. */
async function wrongGuesses(browser: Browser, email: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await browser.logIn(email, `wrong guess ${i}`)).status);
  return statuses;
}

const repeat = <T>(value: T, times: number): T[] => Array<T>(times).fill(value);

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
    expect(count(answers, 401)).toBeLessThanOrEqual(LOGIN_LIMITS.perAccountAndAddress.limit);
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

describe('login limits that strangers cannot turn against the owner', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.cleanup();
  });

  const { perAccountAndAddress, perAccountAndKnownDevice, perAddress, perAccountFromNewPlaces } = LOGIN_LIMITS;

  it('holds back a guesser at their address, while the owner logs in from anywhere else', async () => {
    server = await startTestServer({ trustProxy: true });
    const email = 'ada@example.com';
    await new Browser(server.url, '192.0.2.1').signUp(email);

    const stranger = new Browser(server.url, '203.0.113.66');
    expect(await wrongGuesses(stranger, email, perAccountAndAddress.limit)).toEqual(repeat(401, perAccountAndAddress.limit));
    // Even the right password: this address has used up its guesses for this account.
    const refused = await stranger.logIn(email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/^Too many failed login attempts\. Try again in 15 minutes\.$/);

    // The owner, at home in a fresh browser, and on a new network with no history at all.
    expect((await new Browser(server.url, '192.0.2.1').logIn(email, PASSWORD)).status).toBe(200);
    expect((await new Browser(server.url, '198.51.100.20').logIn(email, PASSWORD)).status).toBe(200);
  });

  it('lets the owner’s devices and usual address past a flood of guesses from many addresses', async () => {
    server = await startTestServer({ trustProxy: true });
    const email = 'ada@example.com';
    const phone = new Browser(server.url, '192.0.2.1');
    await phone.signUp(email);
    expect(phone.deviceCookie).not.toBeNull();

    // 500 parallel guesses, each from its own address: no per-address limit applies.
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => new Browser(server.url, `198.51.${i >> 8}.${i & 255}`).logIn(email, `wrong guess ${i}`)),
    );
    const judged = count(answers, 401);
    expect(judged).toBeLessThanOrEqual(perAccountFromNewPlaces.limit);
    expect(judged + count(answers, 429) + count(answers, 503)).toBe(500);
    // Guesses refused as busy were never judged and do not count; keep guessing, one new address at a time.
    let waitForNewDevices: Answer | undefined;
    for (let i = 0; i <= perAccountFromNewPlaces.limit - judged && !waitForNewDevices; i++) {
      const answer = await new Browser(server.url, `203.0.113.${i}`).logIn(email, `another guess ${i}`);
      if (answer.status === 429) waitForNewDevices = answer;
      else expect(answer.status).toBe(401);
    }
    expect(waitForNewDevices?.message).toMatch(/from new devices\. Try again in 60 minutes, or log in on a device you have used before\.$/);
    expect(Number(waitForNewDevices?.retryAfter)).toBeLessThanOrEqual(3600);

    // The owner's phone, now on the mobile network at an address never seen, gets in.
    phone.address = '100.64.7.7';
    expect((await phone.logIn(email, PASSWORD)).status).toBe(200);
    // So does any browser at the address the account was created from.
    expect((await new Browser(server.url, '192.0.2.1').logIn(email, PASSWORD)).status).toBe(200);
    // The price of the limit: a brand-new device somewhere new waits, like the guessers.
    expect((await new Browser(server.url, '100.64.8.8').logIn(email, PASSWORD)).status).toBe(429);
  });

  it('limits a known device on its own, so a stolen or shared one cannot lock the others', async () => {
    server = await startTestServer({ trustProxy: true });
    const email = 'ada@example.com';
    const laptop = new Browser(server.url, '192.0.2.1');
    await laptop.signUp(email);
    const limit = perAccountAndKnownDevice.limit;
    expect(await wrongGuesses(laptop, email, limit)).toEqual(repeat(401, limit));
    expect((await laptop.logIn(email, PASSWORD)).status).toBe(429);
    // Another browser at the same address has its own count.
    expect((await new Browser(server.url, '192.0.2.1').logIn(email, PASSWORD)).status).toBe(200);
  });

  it('forgives the owner’s typos on a correct password, but not what guessers share', async () => {
    server = await startTestServer({ trustProxy: true });
    const email = 'ada@example.com';
    await new Browser(server.url, '192.0.2.1').signUp(email);
    const owner = new Browser(server.url, '198.51.100.20');
    const limit = perAccountAndAddress.limit;
    expect(await wrongGuesses(owner, email, limit - 1)).toEqual(repeat(401, limit - 1));
    expect((await owner.logIn(email, PASSWORD)).status).toBe(200);
    // A fresh allowance of typos from here (the device cookie is set aside to test the address's count).
    owner.deviceCookie = null;
    expect(await wrongGuesses(owner, email, limit)).toEqual(repeat(401, limit));
    expect((await owner.logIn(email, PASSWORD)).status).toBe(429);
  });

  it('holds back one address guessing many accounts, even if it logs in to its own between guesses', async () => {
    server = await startTestServer({ trustProxy: true });
    const sprayer = new Browser(server.url, '203.0.113.66');
    await sprayer.signUp('eve@example.com');
    sprayer.deviceCookie = null;
    const statuses: number[] = [];
    for (let i = 0; i < perAddress.limit; i++) {
      statuses.push((await sprayer.logIn(`person-${i}@example.com`, 'Summer2024!')).status);
      if (i === perAddress.limit - 2) expect((await sprayer.logIn('eve@example.com', PASSWORD)).status).toBe(200);
    }
    expect(statuses).toEqual(repeat(401, perAddress.limit));
    const refused = await sprayer.logIn('someone-else@example.com', 'Summer2024!');
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/from this network/);
    // Nobody else is affected.
    expect((await new Browser(server.url, '198.51.100.20').logIn('someone-else@example.com', 'Summer2024!')).status).toBe(401);
  });
});
