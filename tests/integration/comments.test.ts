import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CommentThread, THREADS_FIELD } from '../../shared/model/comments.js';
import { COMMENT_SUMMARIES_FIELD, parseCommentSummary } from '../../shared/model/commentSummary.js';
import { READS_FIELD } from '../../shared/model/readMarks.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { commentsRoom, indexRoom } from '../../shared/protocol/rooms.js';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, nextClose, waitForDoc } from '../helpers/collabClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const ENTRY = 'entry00001';
const threadsOf = (doc: Y.Doc) => doc.getMap<string>(THREADS_FIELD);
const threadIn = (doc: Y.Doc, id: string) => {
  const json = threadsOf(doc).get(id);
  return json ? (JSON.parse(json) as CommentThread) : null;
};

describe('comments', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.cleanup();
  });

  async function setup() {
    const couple = await pairedCouple(server.url);
    const base = `/api/journals/${couple.journalId}/entries/${ENTRY}/threads`;
    const room = commentsRoom(couple.journalId, ENTRY);
    return { ...couple, base, room };
  }

  it('reach the partner live, with the real author’s name whatever the request claims', async () => {
    const { a, b, base, room } = await setup();
    const adaView = connectClient(server.wsUrl, room, a.cookie);
    clients.push(adaView);
    await adaView.synced;

    const created = await b.request('POST', base, {
      threadId: 'thread0001',
      commentId: 'comment001',
      quote: 'the lake was cold',
      text: 'Brr!',
      author: { id: 'someone', name: 'Ada' },
    });
    expect(created.status).toBe(201);
    await waitForDoc(adaView.doc, (d) => threadIn(d, 'thread0001') !== null);
    const thread = threadIn(adaView.doc, 'thread0001')!;
    expect(thread.comments[0].author.name).toBe('Ben');
    expect(thread.quote).toBe('the lake was cold');

    expect((await a.request('POST', `${base}/thread0001/comments`, { commentId: 'comment002', text: 'We swam anyway' })).status).toBe(200);
    expect((await b.request('PUT', `${base}/thread0001/comments/comment002/reactions/${encodeURIComponent('❤️')}`)).status).toBe(200);
    await waitForDoc(adaView.doc, (d) => threadIn(d, 'thread0001')!.comments[1]?.reactions['❤️']?.length === 1);
  });

  it('refuse an edit or delete of someone else’s comment, and it never reaches the partner', async () => {
    const { a, b, base, room } = await setup();
    await b.request('POST', base, { threadId: 'thread0002', commentId: 'comment003', quote: 'sunset', text: 'Best evening' });
    const edit = await a.request('PATCH', `${base}/thread0002/comments/comment003`, { text: 'forged words' });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toMatch(/Only the person who wrote/);
    expect((await a.request('DELETE', `${base}/thread0002/comments/comment003`)).status).toBe(403);
    const benView = connectClient(server.wsUrl, room, b.cookie);
    clients.push(benView);
    await benView.synced;
    expect(threadIn(benView.doc, 'thread0002')!.comments[0].text).toBe('Best evening');
  });

  it('refuse a modified client that writes to the comments document, and store nothing of it', async () => {
    const { a, b, base, room } = await setup();
    await b.request('POST', base, { threadId: 'thread0003', commentId: 'comment004', quote: 'pancakes', text: 'Mine were better' });
    const mallory = connectClient(server.wsUrl, room, a.cookie);
    const benView = connectClient(server.wsUrl, room, b.cookie);
    clients.push(mallory, benView);
    await Promise.all([mallory.synced, benView.synced]);
    const closed = nextClose(mallory.provider);
    const forged = { ...threadIn(mallory.doc, 'thread0003')!, comments: [{ ...threadIn(mallory.doc, 'thread0003')!.comments[0], text: 'Ada is right' }] };
    mallory.provider.shouldConnect = false;
    threadsOf(mallory.doc).set('thread0003', JSON.stringify(forged));
    expect((await closed).code).toBe(CloseCode.ReadOnlyDocument);

    // Ben's view reloads from storage and still holds Ben's own words.
    const fresh = connectClient(server.wsUrl, room, b.cookie);
    clients.push(fresh);
    await fresh.synced;
    expect(threadIn(fresh.doc, 'thread0003')!.comments[0].text).toBe('Mine were better');
    const listed = await b.request('GET', base);
    expect(listed.body.threads.map((t: CommentThread) => t.comments[0].text)).toEqual(['Mine were better']);
  });

  it('resolve and reopen from both sides with one outcome, and accept retried requests once', async () => {
    const { a, b, base } = await setup();
    const create = { threadId: 'thread0004', commentId: 'comment005', quote: 'the hike', text: 'Again in May?' };
    expect((await a.request('POST', base, create)).status).toBe(201);
    // An offline outbox may send the same request twice.
    expect((await a.request('POST', base, create)).status).toBe(201);
    await Promise.all([
      a.request('PATCH', `${base}/thread0004`, { resolved: true }),
      b.request('PATCH', `${base}/thread0004`, { resolved: false }),
    ]);
    const [fromA, fromB] = await Promise.all([a.request('GET', base), b.request('GET', base)]);
    expect(fromA.body.threads).toEqual(fromB.body.threads);
    expect(fromA.body.threads).toHaveLength(1);
    expect(fromA.body.threads[0].comments).toHaveLength(1);
  });

  it('keep what each person has read, on every device of theirs, set only by themselves', async () => {
    const { a, b, userA, userB, journalId, base, room } = await setup();
    await b.request('POST', base, { threadId: 'thread0006', commentId: 'comment007', quote: 'the pier', text: 'Remember?' });
    const seenAt = (await a.request('GET', base)).body.threads[0].comments[0].createdAt as number;
    const read = `/api/journals/${journalId}/entries/${ENTRY}/read`;
    // The timeline's summary in the journal index says the comment is new to Ada only.
    const index = connectClient(server.wsUrl, indexRoom(journalId), a.cookie);
    clients.push(index);
    await index.synced;
    const summary = () => parseCommentSummary(index.doc.getMap(COMMENT_SUMMARIES_FIELD).get(ENTRY));
    await waitForDoc(index.doc, () => summary() !== null);
    expect(summary()).toMatchObject({ count: 1, latestFor: { [userA.id]: seenAt, [userB.id]: 0 }, unreadFor: { [userA.id]: 1, [userB.id]: 0 } });
    const firstVersion = summary()!.version;
    // Ada's phone is open on the entry; her laptop marks the comment read.
    const phone = connectClient(server.wsUrl, room, a.cookie);
    clients.push(phone);
    await phone.synced;
    const marked = await a.request('PUT', read, { seenAt, userId: userB.id });
    expect(marked.status).toBe(200);
    expect(marked.body.seenAt).toBe(seenAt);
    await waitForDoc(phone.doc, (d) => d.getMap(READS_FIELD).get(userA.id) === seenAt);
    await waitForDoc(index.doc, () => summary()?.unreadFor[userA.id] === 0);
    // Every change to the comments moves the version, so devices know to fetch them again.
    expect(summary()!.version).toBeGreaterThan(firstVersion);
    // The body cannot name someone else: Ben's mark was not touched.
    expect(phone.doc.getMap(READS_FIELD).has(userB.id)).toBe(false);
    // A late request from another device does not move the mark back; nothing can be read ahead of now.
    expect((await a.request('PUT', read, { seenAt: seenAt - 1000 })).body.seenAt).toBe(seenAt);
    expect((await a.request('PUT', read, { seenAt: Number.MAX_SAFE_INTEGER })).body.seenAt).toBeLessThanOrEqual(Date.now());
    const bad = await a.request('PUT', read, { seenAt: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/seenAt must be/);
    const eve = new ApiClient(server.url);
    await eve.signUp('Eve');
    expect((await eve.request('PUT', read, { seenAt })).status).toBe(403);
  });

  it('are only for the journal’s members', async () => {
    const { base } = await setup();
    const eve = new ApiClient(server.url);
    await eve.signUp('Eve');
    expect((await eve.request('GET', base)).status).toBe(403);
    expect((await eve.request('POST', base, { threadId: 'thread0005', commentId: 'comment006', quote: 'x', text: 'y' })).status).toBe(403);
    expect((await new ApiClient(server.url).request('GET', base)).status).toBe(401);
  });
});
