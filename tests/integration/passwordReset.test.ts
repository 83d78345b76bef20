import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { smtpMailer } from '../../server/mail/Mailer.js';
import { RESETS_PER_ADDRESS, RESETS_PER_EMAIL } from '../../server/http/routes/passwordResetRoutes.js';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, nextClose } from '../helpers/collabClient.js';
import { type TestMailbox, startTestMailbox } from '../helpers/testMailbox.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const HOUR = 60 * 60 * 1000;
const PUBLIC_URL = 'https://duet.example.test';

/** The token in a reset mail's link (which must point at DUET_PUBLIC_URL, whatever Host the request had). */
function linkToken(text: string): string {
  const match = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/reset-password/([A-Za-z0-9_-]{43})`).exec(text);
  if (!match) throw new Error(`no reset link in the mail:\n${text}`);
  return match[1];
}

describe('forgot password', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  let clock: number;
  const clients: CollabClient[] = [];
  const anonymous = () => new ApiClient(server.url);
  const ask = (email: string, from = anonymous()) => from.request('POST', '/api/password-resets', { email });

  beforeEach(async () => {
    clock = Date.now();
    mailbox = await startTestMailbox();
    server = await startTestServer({ mailer: smtpMailer(mailbox.url, 'Duet <duet@example.test>'), publicUrl: PUBLIC_URL, now: () => clock });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.cleanup();
    await mailbox.close();
  });

  it('mails a link that works once, signs every session out and closes their sockets', async () => {
    const { a, userA, journalId } = await pairedCouple(server.url);
    const socket = connectClient(server.wsUrl, indexRoom(journalId), a.cookie);
    clients.push(socket);
    await socket.synced;

    const asked = await ask(userA.email.toUpperCase());
    expect(asked.status).toBe(202);
    const mail = await mailbox.nextMailTo(userA.email);
    expect(mail.from).toBe('duet@example.test');
    expect(mail.text).toContain('Hello Ada');
    const token = linkToken(mail.text);
    expect((await anonymous().request('GET', `/api/password-resets/${token}`)).body.expiresAt).toBe(clock + HOUR);

    const weak = await anonymous().request('POST', `/api/password-resets/${token}`, { password: 'short' });
    expect(weak.status).toBe(422);
    const closed = nextClose(socket.provider);
    const used = await anonymous().request('POST', `/api/password-resets/${token}`, { password: 'my new memorable password' });
    expect(used.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.Unauthorized);
    expect((await a.request('GET', '/api/me')).status).toBe(401);
    expect((await anonymous().request('POST', '/api/sessions', { email: userA.email, password: 'my new memorable password' })).status).toBe(200);

    const again = await anonymous().request('POST', `/api/password-resets/${token}`, { password: 'another new password here' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('reset_link_invalid');
    expect((await anonymous().request('GET', `/api/password-resets/${token}`)).status).toBe(410);
    expect((await anonymous().request('POST', '/api/sessions', { email: userA.email, password: 'another new password here' })).status).toBe(401);
  });

  it('refuses a link after its hour, and older links once a newer one is used', async () => {
    const { userA } = await pairedCouple(server.url);
    await ask(userA.email);
    const first = linkToken((await mailbox.nextMailTo(userA.email)).text);
    clock += HOUR;
    expect((await anonymous().request('POST', `/api/password-resets/${first}`, { password: 'my new memorable password' })).status).toBe(410);

    await ask(userA.email);
    const older = linkToken((await mailbox.nextMailTo(userA.email)).text);
    clock += 60_000;
    await ask(userA.email);
    const newer = linkToken((await mailbox.nextMailTo(userA.email)).text);
    expect(newer).not.toBe(older);
    expect((await anonymous().request('POST', `/api/password-resets/${newer}`, { password: 'my new memorable password' })).status).toBe(204);
    expect((await anonymous().request('POST', `/api/password-resets/${older}`, { password: 'someone else password' })).status).toBe(410);
  });

  it('answers a known and an unknown email the same way, and mails only the account', async () => {
    const { userA } = await pairedCouple(server.url);
    const known = await ask(userA.email);
    const unknown = await ask('nobody-here@example.com');
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect([...unknown.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());
    await mailbox.nextMailTo(userA.email);
    // Another mail to the account arrives after anything sent for the unknown address would have.
    await ask(userA.email);
    await mailbox.nextMailTo(userA.email);
    expect(mailbox.received.flatMap((m) => m.to)).not.toContain('nobody-here@example.com');
  });

  it(`limits requests to ${RESETS_PER_EMAIL} an hour per email and ${RESETS_PER_ADDRESS} per address, known or not`, async () => {
    for (const email of ['someone@example.com', 'nobody@example.com']) {
      for (let i = 0; i < RESETS_PER_EMAIL; i++) expect((await ask(email)).status).toBe(202);
      const refused = await ask(email);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Six requests so far from this address; the rest of its ten go to other emails.
    for (let i = 2 * RESETS_PER_EMAIL; i < RESETS_PER_ADDRESS; i++) expect((await ask(`person${i}@example.com`)).status).toBe(202);
    expect((await ask('one-more@example.com')).status).toBe(429);
    clock += HOUR;
    expect((await ask('someone@example.com')).status).toBe(202);
  });
});

describe('forgot password without SMTP', () => {
  it('writes the link into the server log for whoever runs Duet', async () => {
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    let logged: () => void = () => undefined;
    const wrote = new Promise<void>((resolve) => (logged = resolve));
    const record = (message: string, fields?: Record<string, unknown>) => {
      lines.push({ message, fields });
      if (message.startsWith('password reset link')) logged();
    };
    const server = await startTestServer({ log: { info: record, warn: record, error: record } });
    try {
      const { userA } = await pairedCouple(server.url);
      expect((await new ApiClient(server.url).request('POST', '/api/password-resets', { email: userA.email })).status).toBe(202);
      await wrote;
      const line = lines.find((l) => l.message.startsWith('password reset link'))!;
      expect(line.fields?.email).toBe(userA.email);
      const token = /\/reset-password\/([A-Za-z0-9_-]+)$/.exec(String(line.fields?.link))![1];
      expect(String(line.fields?.link).startsWith(server.url)).toBe(true);
      expect((await new ApiClient(server.url).request('POST', `/api/password-resets/${token}`, { password: 'my new memorable password' })).status).toBe(204);
    } finally {
      await server.cleanup();
    }
  });
});
