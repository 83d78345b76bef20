import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ENTRIES_FIELD } from '#shared/documents/journalIndex.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { entryRoom } from '#shared/documents/entry.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { connectClient, nextClose, waitForDoc } from '../helpers/collabClient.js';
import { openRawSocket, upgradeStatus } from '../helpers/rawSocket.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

describe('who may reach a journal', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.cleanup();
  });

  it('refuses the upgrade with 401 without a session and 403 for another couple’s journal', async () => {
    server = await startTestServer();
    const { a, journalId } = await pairedCouple(server.url);
    const stranger = new ApiClient(server.url);
    await stranger.signUp('Eve');
    const url = `${server.wsUrl}/${indexRoom(journalId)}`;
    expect(await upgradeStatus(url, null)).toBe(401);
    expect(await upgradeStatus(url, 'duet_session=forged')).toBe(401);
    expect(await upgradeStatus(url, stranger.cookie)).toBe(403);
    expect(await upgradeStatus(url, a.cookie, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/not-a-room`, a.cookie)).toBe(404);
    expect(await upgradeStatus(url, a.cookie)).toBe(101);
  });

  it('cuts off a removed member’s open sockets and refuses them afterwards', async () => {
    server = await startTestServer();
    const { a, b, userB, journalId } = await pairedCouple(server.url);
    const ben = connectClient(server.wsUrl, entryRoom(journalId, 'entry0000x'), b.cookie);
    await ben.synced;
    const closed = nextClose(ben.provider);
    expect((await a.request('DELETE', `/api/journals/${journalId}/members/${userB.id}`)).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.Forbidden);
    ben.destroy();
    expect(await upgradeStatus(`${server.wsUrl}/${indexRoom(journalId)}`, b.cookie)).toBe(403);
    expect((await b.request('GET', `/api/journals/${journalId}`)).status).toBe(403);
  });

  it('lets members write the timeline only under their own names, even with a modified client', async () => {
    server = await startTestServer();
    const { a, b, userA, userB, journalId } = await pairedCouple(server.url);
    const room = indexRoom(journalId);
    const ada = connectClient(server.wsUrl, room, a.cookie);
    const ben = connectClient(server.wsUrl, room, b.cookie);
    await Promise.all([ada.synced, ben.synced]);
    // Ada creates an entry as the app does; Ben adds himself as an author as the app does.
    const entry = new Y.Map<unknown>([
      ['id', 'entry00001'],
      ['createdBy', userA.id],
      ['authors', new Y.Map([[userA.id, 'Ada']])],
    ]);
    ada.doc.getMap(ENTRIES_FIELD).set('entry00001', entry);
    const authorsAt = (doc: Y.Doc) => ((doc.getMap(ENTRIES_FIELD).get('entry00001') as Y.Map<unknown> | undefined)?.get('authors') as Y.Map<string> | undefined)?.toJSON();
    await waitForDoc(ben.doc, (d) => authorsAt(d) !== undefined);
    (ben.doc.getMap(ENTRIES_FIELD).get('entry00001') as Y.Map<unknown>).set('title', 'Our lake');
    ((ben.doc.getMap(ENTRIES_FIELD).get('entry00001') as Y.Map<unknown>).get('authors') as Y.Map<string>).set(userB.id, 'Ben');
    await waitForDoc(ada.doc, (d) => authorsAt(d)?.[userB.id] === 'Ben');

    // A modified client takes Ada's name off: the socket is closed and nothing of it is kept.
    const closed = nextClose(ben.provider);
    ben.provider.shouldConnect = false;
    ((ben.doc.getMap(ENTRIES_FIELD).get('entry00001') as Y.Map<unknown>).get('authors') as Y.Map<string>).delete(userA.id);
    expect((await closed).code).toBe(CloseCode.ForbiddenChange);
    const fresh = connectClient(server.wsUrl, room, a.cookie);
    await fresh.synced;
    expect(authorsAt(fresh.doc)).toEqual({ [userA.id]: 'Ada', [userB.id]: 'Ben' });
    expect(authorsAt(ada.doc)).toEqual({ [userA.id]: 'Ada', [userB.id]: 'Ben' });
    for (const c of [ada, ben, fresh]) c.destroy();
  });

  it('closes a session’s sockets at logout', async () => {
    server = await startTestServer();
    const { a, journalId } = await pairedCouple(server.url);
    const socket = await openRawSocket(`${server.wsUrl}/${indexRoom(journalId)}`, a.cookie);
    const cookie = a.cookie;
    expect((await a.request('DELETE', '/api/sessions/current')).status).toBe(204);
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized);
    expect(await upgradeStatus(`${server.wsUrl}/${indexRoom(journalId)}`, cookie)).toBe(401);
    a.cookie = cookie;
    expect((await a.request('GET', '/api/me')).status).toBe(401);
  });

  it('lets either partner leave (the one who started it too), but not the last one', async () => {
    server = await startTestServer();
    const { a, b, userA, userB, journalId } = await pairedCouple(server.url);
    expect((await a.request('DELETE', `/api/journals/${journalId}/members/${userA.id}`)).status).toBe(204);
    expect((await a.request('GET', '/api/me')).body.journals).toEqual([]);
    const last = await b.request('DELETE', `/api/journals/${journalId}/members/${userB.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_member');
    expect((await b.request('GET', '/api/me')).body.journals).toHaveLength(1);
  });
});

describe('invites', () => {
  let server: TestServer;
  let clock = Date.now();
  afterEach(async () => {
    await server?.cleanup();
  });

  it('work once', async () => {
    server = await startTestServer();
    const a = new ApiClient(server.url);
    await a.signUp('Ada');
    const journalId = await a.createJournal('Ada & Ben');
    const token = await a.invite(journalId);

    const preview = await new ApiClient(server.url).request('GET', `/api/invites/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ journal: { id: journalId, title: 'Ada & Ben' }, invitedBy: { name: 'Ada' } });

    const b = new ApiClient(server.url);
    expect((await b.accept(token)).status).toBe(401);
    await b.signUp('Ben');
    expect((await b.accept(token)).status).toBe(200);

    const c = new ApiClient(server.url);
    await c.signUp('Cy');
    const again = await c.accept(token);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invite_used');
    expect((await c.request('GET', `/api/journals/${journalId}`)).status).toBe(403);
  });

  it('expire after seven days', async () => {
    clock = Date.now();
    server = await startTestServer({ now: () => clock });
    const a = new ApiClient(server.url);
    await a.signUp('Ada');
    const journalId = await a.createJournal();
    const token = await a.invite(journalId);
    clock += 7 * 24 * 60 * 60 * 1000 + 1;
    const b = new ApiClient(server.url);
    await b.signUp('Ben');
    const res = await b.accept(token);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('invite_expired');
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('can be revoked by the owner, and a couple’s journal takes no third member', async () => {
    server = await startTestServer();
    const a = new ApiClient(server.url);
    await a.signUp('Ada');
    const journalId = await a.createJournal();
    const revokedToken = await a.invite(journalId);
    const details = await a.request('GET', `/api/journals/${journalId}`);
    const inviteId = details.body.invites[0].id;
    expect((await a.request('DELETE', `/api/journals/${journalId}/invites/${inviteId}`)).status).toBe(204);
    const b = new ApiClient(server.url);
    await b.signUp('Ben');
    expect((await b.accept(revokedToken)).body.error.code).toBe('invite_revoked');

    const first = await a.invite(journalId);
    const second = await a.invite(journalId);
    expect((await b.accept(first)).status).toBe(200);
    const c = new ApiClient(server.url);
    await c.signUp('Cy');
    expect((await c.accept(second)).body.error.code).toBe('journal_full');
    expect((await a.request('POST', `/api/journals/${journalId}/invites`)).status).toBe(409);
  });
});

describe('accounts', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.cleanup();
  });

  it('explain what is wrong with a sign-up or a login', async () => {
    server = await startTestServer();
    const a = new ApiClient(server.url);
    const weak = await a.request('POST', '/api/accounts', { name: 'Ada', email: 'ada@example.com', password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.message).toMatch(/at least 10 characters/);
    const badEmail = await a.request('POST', '/api/accounts', { name: 'Ada', email: 'nope', password: 'a long enough password' });
    expect(badEmail.status).toBe(400);
    await a.signUp('Ada', 'ada@example.com');
    const taken = await new ApiClient(server.url).request('POST', '/api/accounts', { name: 'Ada', email: 'ADA@example.com', password: 'a long enough password' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');

    const login = new ApiClient(server.url);
    const wrong = await login.request('POST', '/api/sessions', { email: 'ada@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('wrong_credentials');
    const right = await login.request('POST', '/api/sessions', { email: 'Ada@Example.com', password: 'a long enough password' });
    expect(right.status).toBe(200);
    expect(right.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('rate limit repeated failed logins', async () => {
    server = await startTestServer();
    const a = new ApiClient(server.url);
    await a.signUp('Ada', 'ada@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await a.request('POST', '/api/sessions', { email: 'ada@example.com', password: `guess number ${i}` })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const limited = await a.request('POST', '/api/sessions', { email: 'ada@example.com', password: 'a long enough password' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuse state-changing requests from other sites, and malformed addresses', async () => {
    server = await startTestServer();
    const a = new ApiClient(server.url);
    await a.signUp('Ada');
    const token = await a.invite(await a.createJournal());
    // A page elsewhere tries to make Eve's browser join Ada's journal.
    const eve = new ApiClient(server.url);
    await eve.signUp('Eve');
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/invites/${token}/accept`, { method: 'POST', headers: { cookie: eve.cookie!, ...headers } });
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: server.url, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await fetch(`${server.url}/api/invites/%zz`)).status).toBe(400);
  });
});
