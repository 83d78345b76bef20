import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentsRoom, readThread } from '#shared/documents/comments.js';
import { createEntry, indexRoom, readEntries } from '#shared/documents/journalIndex.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, nextClose, waitForDoc } from '../helpers/collabClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const PASSWORD = 'a long enough password';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('account settings', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];
  const open = (room: string, as: ApiClient) => {
    const client = connectClient(server.wsUrl, room, as.cookie);
    clients.push(client);
    return client;
  };
  /** Another device of the same person, logged in with its own browser's User-Agent. */
  const logInAs = async (email: string, userAgent: string, password = PASSWORD) => {
    const device = new ApiClient(server.url);
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ email, password }),
    });
    expect(res.status).toBe(200);
    device.cookie = res.headers.get('set-cookie')!.split(';')[0];
    return device;
  };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.cleanup();
  });

  it('changing the password signs every other device out and closes their sockets, and keeps this one', async () => {
    const { a, userA, journalId } = await pairedCouple(server.url);
    const laptop = await logInAs(userA.email, FIREFOX);
    const phone = await logInAs(userA.email, IPHONE);
    const laptopSocket = open(indexRoom(journalId), laptop);
    const phoneSocket = open(indexRoom(journalId), phone);
    const ownSocket = open(indexRoom(journalId), a);
    await Promise.all([laptopSocket.synced, phoneSocket.synced, ownSocket.synced]);

    const wrong = await a.request('PUT', '/api/me/password', { currentPassword: 'not my password at all', newPassword: 'a brand new password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    const weak = await a.request('PUT', '/api/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(422);

    const closes = [nextClose(laptopSocket.provider), nextClose(phoneSocket.provider)];
    const changed = await a.request('PUT', '/api/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' });
    expect(changed.status).toBe(204);
    expect((await Promise.all(closes)).map((c) => c.code)).toEqual([CloseCode.Unauthorized, CloseCode.Unauthorized]);
    expect((await laptop.request('GET', '/api/me')).status).toBe(401);
    expect((await phone.request('GET', '/api/me')).status).toBe(401);
    // This device stays signed in, its socket open.
    expect((await a.request('GET', '/api/me')).status).toBe(200);
    expect(ownSocket.provider.wsconnected).toBe(true);
    // The old password no longer opens the account; the new one does.
    expect((await new ApiClient(server.url).request('POST', '/api/sessions', { email: userA.email, password: PASSWORD })).status).toBe(401);
    await logInAs(userA.email, FIREFOX, 'a brand new password');
  });

  it('lists signed-in devices with a label, marks this one, and signs one or all others out', async () => {
    const { a, userA, journalId } = await pairedCouple(server.url);
    const laptop = await logInAs(userA.email, FIREFOX);
    const phone = await logInAs(userA.email, IPHONE);
    const listed = (await laptop.request('GET', '/api/me/sessions')).body.sessions as { id: string; device: string | null; current: boolean; signedInAt: number }[];
    expect(listed).toHaveLength(3);
    expect(listed.filter((s) => s.current).map((s) => s.device)).toEqual(['Firefox on Linux']);
    expect(listed.map((s) => s.device).sort()).toEqual(['Firefox on Linux', 'Safari on iPhone', null].sort());
    expect(listed.every((s) => typeof s.signedInAt === 'number')).toBe(true);

    // Nobody ends another person's session.
    const ben = (await pairedCouple(server.url)).b;
    const phoneId = listed.find((s) => s.device === 'Safari on iPhone')!.id;
    expect((await ben.request('DELETE', `/api/me/sessions/${phoneId}`)).status).toBe(404);
    expect((await phone.request('GET', '/api/me')).status).toBe(200);

    const phoneSocket = open(indexRoom(journalId), phone);
    await phoneSocket.synced;
    const closed = nextClose(phoneSocket.provider);
    expect((await laptop.request('DELETE', `/api/me/sessions/${phoneId}`)).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.Unauthorized);
    expect((await phone.request('GET', '/api/me')).status).toBe(401);

    const others = await laptop.request('POST', '/api/me/sessions/others/sign-out');
    expect(others.body).toEqual({ ended: 1 });
    expect((await a.request('GET', '/api/me')).status).toBe(401);
    expect((await laptop.request('GET', '/api/me/sessions')).body.sessions.map((s: { device: string }) => s.device)).toEqual(['Firefox on Linux']);
  });

  it('a new name shows on past entries and comments, live for the partner, and the open sockets write under it', async () => {
    const { a, b, userA, journalId } = await pairedCouple(server.url);
    const adaIndex = open(indexRoom(journalId), a);
    await adaIndex.synced;
    const entryId = createEntry(adaIndex.doc, { id: userA.id, name: 'Ada' });
    const thread = { threadId: 'thread0001', commentId: 'comment001', quote: 'the lake', text: 'I remember this' };
    expect((await a.request('POST', `/api/journals/${journalId}/entries/${entryId}/threads`, thread)).status).toBe(201);
    const benIndex = open(indexRoom(journalId), b);
    await waitForDoc(benIndex.doc, (doc) => readEntries(doc).length === 1);

    const renamed = await a.request('PATCH', '/api/me', { name: '  Ada Lovelace ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user.name).toBe('Ada Lovelace');
    await waitForDoc(benIndex.doc, (doc) => readEntries(doc)[0].authors[0].name === 'Ada Lovelace');
    const comments = open(commentsRoom(journalId, entryId), b);
    await waitForDoc(comments.doc, (doc) => readThread(doc, 'thread0001')?.comments[0].author.name === 'Ada Lovelace');
    expect(readThread(comments.doc, 'thread0001')?.createdBy.name).toBe('Ada Lovelace');
    const members = (await b.request('GET', `/api/journals/${journalId}`)).body.members as { userId: string; name: string }[];
    expect(members.find((m) => m.userId === userA.id)?.name).toBe('Ada Lovelace');
    // Ada's open socket writes under the new name now: adding herself to a new entry is accepted.
    createEntry(adaIndex.doc, { id: userA.id, name: 'Ada Lovelace' });
    await waitForDoc(benIndex.doc, (doc) => readEntries(doc).length === 2);
    expect(adaIndex.provider.wsconnected).toBe(true);
    expect((await a.request('PATCH', '/api/me', { name: '   ' })).status).toBe(400);
  });

  it('changes the email with the current password, and refuses one another account uses', async () => {
    const { a, userA, userB } = await pairedCouple(server.url);
    expect((await a.request('PUT', '/api/me/email', { email: 'ada.new@example.com', password: 'wrong password here' })).status).toBe(403);
    const taken = await a.request('PUT', '/api/me/email', { email: userB.email.toUpperCase(), password: PASSWORD });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    const changed = await a.request('PUT', '/api/me/email', { email: 'Ada.New@Example.com', password: PASSWORD });
    expect(changed.status).toBe(200);
    expect(changed.body.user.email).toBe('ada.new@example.com');
    expect((await new ApiClient(server.url).request('POST', '/api/sessions', { email: userA.email, password: PASSWORD })).status).toBe(401);
    expect((await new ApiClient(server.url).request('POST', '/api/sessions', { email: 'ada.new@example.com', password: PASSWORD })).status).toBe(200);
  });

  it('stops guessing the current password after ten wrong ones, even with the right one', async () => {
    const { a } = await pairedCouple(server.url);
    for (let i = 0; i < 10; i++) {
      expect((await a.request('PUT', '/api/me/email', { email: 'x@example.com', password: `guess number ${i}` })).status).toBe(403);
    }
    const refused = await a.request('PUT', '/api/me/email', { email: 'x@example.com', password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
