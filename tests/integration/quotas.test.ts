import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Comment, CommentThread, Person } from '../../shared/model/comments.js';
import { writeThread } from '../../shared/model/commentsDoc.js';
import {
  MAX_COMMENTS_PER_ENTRY,
  MAX_COMMENTS_PER_THREAD,
  MAX_THREADS_PER_ENTRY,
} from '../../shared/model/quotas.js';
import { commentsRoom } from '../../shared/protocol/rooms.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

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
