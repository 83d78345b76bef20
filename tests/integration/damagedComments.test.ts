import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENTS_FIELD, THREAD_HEADS_FIELD, commentKey, commentsRoom } from '#shared/documents/comments.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const ENTRY = 'entry00001';

/**
 * A comments document can hold a record the current code cannot read (a bug
 * in an older version, a restored backup, a hand-edited database). The API
 * reads every record through the shared reader, which leaves such a record
 * out, so a command on it is refused like one on a thread that is not there,
 * never answered with a 500.
 */
describe('a damaged comment record', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.cleanup();
  });

  async function setupWithThread() {
    const couple = await pairedCouple(server.url);
    const base = `/api/journals/${couple.journalId}/entries/${ENTRY}/threads`;
    const created = await couple.a.request('POST', base, { threadId: 'thread0001', commentId: 'comment001', quote: 'the lake', text: 'Cold!' });
    expect(created.status).toBe(201);
    return { ...couple, base, room: commentsRoom(couple.journalId, ENTRY) };
  }

  it('in a comment is left out: deleting it is a 404, replying still works, and reading lists the rest', async () => {
    const { a, base, room } = await setupWithThread();
    // Valid JSON, but not a comment: no author.
    await server.server.relay.change(room, (doc) => {
      doc.getMap<string>(COMMENTS_FIELD).set(commentKey('thread0001', 'comment001'), JSON.stringify({ id: 'comment001', n: 0, text: 'Cold!' }));
    });

    const del = await a.request('DELETE', `${base}/thread0001/comments/comment001`);
    expect(del.status).toBe(404);
    expect(del.body.error.code).toBe('not_found');

    const reply = await a.request('POST', `${base}/thread0001/comments`, { commentId: 'comment002', text: 'Still here' });
    expect(reply.status).toBe(200);
    expect(reply.body.thread.comments.map((c: { id: string }) => c.id)).toEqual(['comment002']);

    const list = await a.request('GET', base);
    expect(list.status).toBe(200);
    expect(list.body.threads[0].comments.map((c: { author: { name: string } }) => c.author.name)).toEqual(['Ada']);
  });

  it('in a thread head reads as no thread: a retried start is a fresh thread, a reply is a 404', async () => {
    const { a, b, base, room } = await setupWithThread();
    // The head lost who started the thread.
    await server.server.relay.change(room, (doc) => {
      doc.getMap<string>(THREAD_HEADS_FIELD).set('thread0001', JSON.stringify({ id: 'thread0001', createdAt: 1, quote: 'the lake' }));
    });

    const reply = await b.request('POST', `${base}/thread0001/comments`, { commentId: 'comment002', text: 'Brr' });
    expect(reply.status).toBe(404);
    const again = await a.request('POST', base, { threadId: 'thread0001', commentId: 'comment001', quote: 'the lake', text: 'Cold!' });
    expect(again.status).toBe(201);
    expect(again.body.thread.createdBy.name).toBe('Ada');
  });

  it('that is not JSON at all is left out too', async () => {
    const { a, base, room } = await setupWithThread();
    await server.server.relay.change(room, (doc) => {
      doc.getMap<string>(THREAD_HEADS_FIELD).set('thread0001', '{"id": "thread0001", ');
    });
    const resolve = await a.request('PATCH', `${base}/thread0001`, { resolved: true });
    expect(resolve.status).toBe(404);
    expect((await a.request('GET', base)).body.threads).toEqual([]);
  });
});
