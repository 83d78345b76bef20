import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Comment, CommentThread, Person } from '#shared/model/comments.js';
import { writeThread } from '#shared/documents/comments.js';
import {
  MAX_COMMENTS_PER_ENTRY,
  MAX_COMMENTS_PER_THREAD,
  MAX_INVITES_PER_ACCOUNT_PER_DAY,
  MAX_JOURNALS_PER_ACCOUNT,
  MAX_OPEN_INVITES_PER_ACCOUNT,
  MAX_OPEN_INVITES_PER_JOURNAL,
  MAX_THREADS_PER_ENTRY,
} from '#shared/model/quotas.js';
import { commentsRoom } from '#shared/documents/comments.js';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const HOUR = 60 * 60 * 1000;

describe('quotas', () => {
  let server: TestServer;
  /** The server's clock: tests move it instead of waiting. */
  let clock = Date.UTC(2030, 0, 1);
  beforeEach(async () => {
    clock = Date.UTC(2030, 0, 1);
    server = await startTestServer({ now: () => clock });
  });
  afterEach(async () => {
    await server.cleanup();
  });

  async function person(name: string) {
    const client = new ApiClient(server.url);
    const user = await client.signUp(name);
    return { client, user };
  }

  const inviteOn = (client: ApiClient, journalId: string) => client.request('POST', `/api/journals/${journalId}/invites`);
  const revoke = (client: ApiClient, journalId: string, inviteId: string) => client.request('DELETE', `/api/journals/${journalId}/invites/${inviteId}`);

  it('let an account start 20 journals, then say why not, while joining a partner’s journal still works', async () => {
    const { client: ada } = await person('Ada');
    for (let i = 0; i < MAX_JOURNALS_PER_ACCOUNT; i++) await ada.createJournal(`Journal ${i}`);
    const refused = await ada.request('POST', '/api/journals', { title: 'One more' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'journal_limit', message: expect.stringMatching(/started 20 journals.*ask your partner to start/) });

    const { client: ben } = await person('Ben');
    const bens = await ben.createJournal('Ben’s');
    expect((await ada.accept(await ben.invite(bens))).status).toBe(200);
    expect((await ada.request('GET', '/api/me')).body.journals).toHaveLength(MAX_JOURNALS_PER_ACCOUNT + 1);
    // Joining did not use up anything of Ben's either.
    expect((await ben.request('POST', '/api/journals', { title: 'Another' })).status).toBe(201);
  });

  it('keep 5 invite links open on a journal; revoking or expiry frees a place', async () => {
    const { client: ada } = await person('Ada');
    const journalId = await ada.createJournal();
    const ids: string[] = [];
    for (let i = 0; i < MAX_OPEN_INVITES_PER_JOURNAL; i++) ids.push((await inviteOn(ada, journalId)).body.invite.id);
    const refused = await inviteOn(ada, journalId);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'invite_limit', message: expect.stringMatching(/already has 5 open invite links\. Revoke one/) });

    expect((await revoke(ada, journalId, ids[0])).status).toBe(204);
    expect((await inviteOn(ada, journalId)).status).toBe(201);
    expect((await inviteOn(ada, journalId)).status).toBe(409);
    // Links last 7 days: once they have expired they take no place.
    clock += 7 * 24 * HOUR + 1;
    expect((await inviteOn(ada, journalId)).status).toBe(201);
    expect((await ada.request('GET', `/api/journals/${journalId}`)).body.invites).toHaveLength(1);
  });

  it('keep 10 invite links open over all the journals an account started', async () => {
    const { client: ada } = await person('Ada');
    const journals = [await ada.createJournal('One'), await ada.createJournal('Two'), await ada.createJournal('Three')];
    const first: string[] = [];
    for (let i = 0; i < MAX_OPEN_INVITES_PER_ACCOUNT; i++) {
      const res = await inviteOn(ada, journals[i % 2]);
      expect(res.status).toBe(201);
      if (i % 2 === 0) first.push(res.body.invite.id);
    }
    const refused = await inviteOn(ada, journals[2]);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'account_invite_limit', message: expect.stringMatching(/You have 10 open invite links over your journals/) });
    // Revoking frees a place anywhere, and so does a link that was used.
    expect((await revoke(ada, journals[0], first[0])).status).toBe(204);
    const link = await inviteOn(ada, journals[2]);
    expect(link.status).toBe(201);
    expect((await inviteOn(ada, journals[2])).status).toBe(409);
    const { client: ben } = await person('Ben');
    expect((await ben.accept(link.body.url.split('/').pop())).status).toBe(200);
    expect((await inviteOn(ada, journals[0])).status).toBe(201);
  });

  it('let an account make 50 invite links a day, however many it revokes, and say when it can make more', async () => {
    const { client: ada } = await person('Ada');
    const journalId = await ada.createJournal();
    const start = clock;
    for (let i = 0; i < MAX_INVITES_PER_ACCOUNT_PER_DAY; i++) {
      clock += 60_000;
      const made = await inviteOn(ada, journalId);
      expect(made.status).toBe(201);
      expect((await revoke(ada, journalId, made.body.invite.id)).status).toBe(204);
    }
    const refused = await inviteOn(ada, journalId);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toEqual({ code: 'too_many_invites', message: expect.stringMatching(/made 50 invite links in the last 24 hours.*in 24 hours/) });
    // The first link (made a minute after `start`) leaves the 24-hour window at start + 1 minute + 24 hours.
    expect(Number(refused.headers.get('retry-after'))).toBe((start + 60_000 + 24 * HOUR - clock) / 1000);
    clock = start + 60_000 + 24 * HOUR + 1;
    expect((await inviteOn(ada, journalId)).status).toBe(201);
    expect((await inviteOn(ada, journalId)).status).toBe(429);
  });

  describe('comments', () => {
    /** Stores a comments document as if written earlier, before the server first opens it. */
    async function storeThreads(journalId: string, entryId: string, threads: CommentThread[]) {
      const doc = new Y.Doc();
      for (const thread of threads) writeThread(doc, null, thread);
      await server.storage.appendUpdates([{ doc: commentsRoom(journalId, entryId), update: Y.encodeStateAsUpdate(doc) }]);
    }

    function thread(id: string, author: Person, comments: number): CommentThread {
      const list: Comment[] = Array.from({ length: comments }, (_, i) => ({
        id: `${id}c${i}`,
        author,
        text: `Comment ${i}`,
        createdAt: clock,
        editedAt: null,
        deletedAt: null,
        reactions: {},
      }));
      return { id, entryId: 'x', quote: 'the lake', anchorVersion: null, createdBy: author, createdAt: clock, resolved: null, comments: list };
    }

    it('refuse a thread or comment beyond what an entry or a thread holds, with a message to act on', async () => {
      const { a, b, userA, journalId } = await pairedCouple(server.url);
      const ada = { id: userA.id, name: userA.name };
      const base = (entryId: string) => `/api/journals/${journalId}/entries/${entryId}/threads`;
      const threads = (prefix: string, count: number, comments: number) => Array.from({ length: count }, (_, i) => thread(`${prefix}${String(i).padStart(5, '0')}`, ada, comments));
      await storeThreads(journalId, 'manythreads', threads('thread', MAX_THREADS_PER_ENTRY, 1));
      await storeThreads(journalId, 'fullthread', threads('thread', 1, MAX_COMMENTS_PER_THREAD));
      await storeThreads(journalId, 'manycomments', threads('thread', 25, MAX_COMMENTS_PER_ENTRY / 25));

      const newThread = { threadId: 'newthread1', commentId: 'newcomment1', quote: 'the pier', text: 'Remember?' };
      const tooManyThreads = await b.request('POST', base('manythreads'), newThread);
      expect(tooManyThreads.status).toBe(409);
      expect(tooManyThreads.body.error).toEqual({ code: 'too_many_threads', message: expect.stringMatching(/2,000 comment threads.*Reply in a thread/) });
      // Replies still fit there.
      expect((await b.request('POST', `${base('manythreads')}/thread00007/comments`, { commentId: 'newcomment2', text: 'Yes' })).status).toBe(200);

      const full = await b.request('POST', `${base('fullthread')}/thread00000/comments`, { commentId: 'newcomment3', text: 'More' });
      expect(full.status).toBe(409);
      expect(full.body.error).toEqual({ code: 'thread_full', message: expect.stringMatching(/500 comments.*Start a new thread/) });
      expect((await b.request('POST', base('fullthread'), newThread)).status).toBe(201);

      for (const refused of [
        await b.request('POST', `${base('manycomments')}/thread00003/comments`, { commentId: 'newcomment4', text: 'More' }),
        await b.request('POST', base('manycomments'), newThread),
      ]) {
        expect(refused.status).toBe(409);
        expect(refused.body.error).toEqual({ code: 'too_many_comments', message: expect.stringMatching(/10,000 comments.*another entry/) });
      }
      // Reactions, edits and resolving change what is there and still work.
      expect((await a.request('PATCH', `${base('manycomments')}/thread00003`, { resolved: true })).status).toBe(200);
      expect((await a.request('PUT', `${base('manycomments')}/thread00003/comments/thread00003c1/reactions/${encodeURIComponent('❤️')}`)).status).toBe(200);
    });
  });
});
