import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerRoom } from '#shared/documents/answer.js';
import { entryBody } from '#shared/documents/entry.js';
import * as Y from 'yjs';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { readZip } from '../helpers/readZip.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const DAY = 86_400_000;

async function download(client: ApiClient, path: string): Promise<{ status: number; zip: Buffer }> {
  const res = await fetch(client.baseUrl + path, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, zip: Buffer.from(await res.arrayBuffer()) };
}

describe('leaving takes your words with you', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.cleanup();
    server = null;
  });

  it('gives a removed partner their copy, tells them once, and lets nobody else download it', async () => {
    let clock = Date.now();
    server = await startTestServer({ now: () => clock });
    const { a, b, userA, userB, journalId } = await pairedCouple(server.url);
    // Ada's answer of today is sealed from Ben: it must not travel with him.
    const { today } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    await server.server.relay.change(answerRoom(journalId, userA.id, today), (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('sealed from Ben')]);
      entryBody(doc).insert(0, [p]);
    });
    expect((await a.request('POST', `/api/journals/${journalId}/days/${today}/answer`, { questionId: 'light-001' })).status).toBe(200);

    // Partners are equals: Ben, who joined, removes Ada, who started it.
    expect((await b.request('DELETE', `/api/journals/${journalId}/members/${userA.id}`)).status).toBe(204);
    expect((await a.request('GET', `/api/journals/${journalId}`)).status).toBe(403);
    expect((await a.request('GET', `/api/journals/${journalId}/export`)).status).toBe(403);

    const listed = await a.request('GET', '/api/me/archives');
    expect(listed.status).toBe(200);
    expect(listed.body.archives).toMatchObject([{ journalTitle: 'Our journal', reason: 'removed', removedByName: 'Ben', noticeSeen: false, expiresAt: clock + 30 * DAY }]);
    const { url, id } = listed.body.archives[0];
    const copy = await download(a, url);
    expect(copy.status).toBe(200);
    const json = JSON.parse(readZip(copy.zip).get('journal.json')!.toString('utf8'));
    expect(json.exportedBy).toBe(userA.id);
    expect(json.answers[0].answers[0].by).toBe(userA.id);

    // Nobody else, Ben included, can fetch or even see it.
    expect((await b.request('GET', '/api/me/archives')).body.archives).toEqual([]);
    expect((await download(b, url)).status).toBe(404);
    expect((await download(new ApiClient(server.url), url)).status).toBe(401);

    expect((await a.request('PUT', `/api/me/archives/${id}/seen`)).status).toBe(204);
    expect((await a.request('GET', '/api/me/archives')).body.archives[0].noticeSeen).toBe(true);

    // Ben, alone now, may invite someone new.
    expect((await b.request('POST', `/api/journals/${journalId}/invites`)).status).toBe(201);
    void userB;
  });

  it('gives someone who leaves the journal as they could see it, without the partner’s sealed answer, and deletes it after 30 days', async () => {
    let clock = Date.now();
    server = await startTestServer({ now: () => clock });
    const { a, b, userA, userB, journalId } = await pairedCouple(server.url);
    const { today } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    await server.server.relay.change(answerRoom(journalId, userA.id, today), (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('sealed from Ben')]);
      entryBody(doc).insert(0, [p]);
    });
    expect((await a.request('POST', `/api/journals/${journalId}/days/${today}/answer`, { questionId: 'light-001' })).status).toBe(200);
    expect((await b.request('DELETE', `/api/journals/${journalId}/members/${userB.id}`)).status).toBe(204);

    const [archive] = (await b.request('GET', '/api/me/archives')).body.archives;
    expect(archive).toMatchObject({ reason: 'left', removedByName: null, noticeSeen: true });
    const files = readZip((await download(b, archive.url)).zip);
    expect(JSON.parse(files.get('journal.json')!.toString('utf8')).answers).toEqual([]);
    expect([...files.values()].some((f) => f.includes('sealed from Ben'))).toBe(false);

    clock += 30 * DAY - 1000;
    expect((await download(b, archive.url)).status).toBe(200);
    clock += 2000;
    // Sessions last 30 days too: Ben signs in again, as he would.
    expect((await b.request('POST', '/api/sessions', { email: userB.email, password: 'a long enough password' })).status).toBe(200);
    expect((await b.request('GET', '/api/me/archives')).body.archives).toEqual([]);
    expect((await download(b, archive.url)).status).toBe(410);
    // The sweep (on start, then hourly) deletes the files themselves.
    server = await server.restart();
    expect(readdirSync(join(server.dataDir, 'archives'))).toEqual([]);
    void userA;
  });

  it('deletes the copies a person was given when they delete their account', async () => {
    server = await startTestServer({});
    const { a, b, userB, journalId } = await pairedCouple(server.url);
    expect((await b.request('DELETE', `/api/journals/${journalId}/members/${userB.id}`)).status).toBe(204);
    expect((await b.request('GET', '/api/me/archives')).body.archives).toHaveLength(1);
    const folder = join(server.dataDir, 'archives');
    expect(readdirSync(folder).length).toBeGreaterThan(0);
    expect((await b.request('DELETE', '/api/me', { password: 'a long enough password' })).status).toBe(204);
    expect(readdirSync(folder)).toEqual([]);
    // The partner's journal is untouched.
    expect((await a.request('GET', `/api/journals/${journalId}`)).status).toBe(200);
  });
});
