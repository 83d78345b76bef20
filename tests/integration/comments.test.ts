import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CommentThread, applyCommentCommand } from '#shared/model/comments.js';
import { COMMENTS_FIELD, LEGACY_THREADS_FIELD, READS_FIELD, commentKey, commentsRoom, readThread } from '#shared/documents/comments.js';
import { COMMENT_SUMMARIES_FIELD, indexRoom, parseCommentSummary } from '#shared/documents/journalIndex.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, nextClose, waitForDoc } from '../helpers/collabClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const ENTRY = 'entry00001';

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
    await waitForDoc(adaView.doc, (d) => readThread(d, 'thread0001') !== null);
    const thread = readThread(adaView.doc, 'thread0001')!;
    expect(thread.comments[0].author.name).toBe('Ben');
    expect(thread.quote).toBe('the lake was cold');

    expect((await a.request('POST', `${base}/thread0001/comments`, { commentId: 'comment002', text: 'We swam anyway' })).status).toBe(200);
    expect((await b.request('PUT', `${base}/thread0001/comments/comment002/reactions/${encodeURIComponent('❤️')}`)).status).toBe(200);
    await waitForDoc(adaView.doc, (d) => readThread(d, 'thread0001')!.comments[1]?.reactions['❤️']?.length === 1);
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
    expect(readThread(benView.doc, 'thread0002')!.comments[0].text).toBe('Best evening');
  });

  it('refuse a modified client that writes to the comments document, and store nothing of it', async () => {
    const { a, b, base, room } = await setup();
    await b.request('POST', base, { threadId: 'thread0003', commentId: 'comment004', quote: 'pancakes', text: 'Mine were better' });
    const mallory = connectClient(server.wsUrl, room, a.cookie);
    const benView = connectClient(server.wsUrl, room, b.cookie);
    clients.push(mallory, benView);
    await Promise.all([mallory.synced, benView.synced]);
    const closed = nextClose(mallory.provider);
    const key = commentKey('thread0003', 'comment004');
    const forged = { ...JSON.parse(mallory.doc.getMap<string>(COMMENTS_FIELD).get(key)!), text: 'Ada is right' };
    mallory.provider.shouldConnect = false;
    mallory.doc.getMap<string>(COMMENTS_FIELD).set(key, JSON.stringify(forged));
    expect((await closed).code).toBe(CloseCode.ReadOnlyDocument);

    // Ben's view reloads from storage and still holds Ben's own words.
    const fresh = connectClient(server.wsUrl, room, b.cookie);
    clients.push(fresh);
    await fresh.synced;
    expect(readThread(fresh.doc, 'thread0003')!.comments[0].text).toBe('Mine were better');
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

  /** Bytes stored for a document: its snapshot and every update after it. */
  async function storedBytes(room: string): Promise<number> {
    const stored = await server.storage.loadDoc(room);
    return (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
  }

  it('are stored by what people write, not again with every reply: storage grows with the text', async () => {
    const { a, b, base, room } = await setup();
    const text = (i: number) => `${i} `.padEnd(1000, 'x');
    const first = { threadId: 'thread0001', commentId: 'comment000', quote: 'the lake', text: 'y'.repeat(5000) };
    expect((await a.request('POST', base, first)).status).toBe(201);
    for (let i = 1; i <= 200; i++) {
      const res = await (i % 2 ? b : a).request('POST', `${base}/thread0001/comments`, { commentId: `comment${String(i).padStart(3, '0')}`, text: text(i) });
      expect(res.status).toBe(200);
    }
    // 205,000 characters written. Storing the whole thread on every reply stored 24 MB here.
    const written = 5000 + 200 * 1000;
    const afterReplies = await storedBytes(room);
    expect(afterReplies).toBeLessThan(written * 1.25);

    // Reactions on the long first comment store the reactions, not the comment again.
    for (let i = 0; i < 20; i++) {
      const emoji = encodeURIComponent(i % 2 ? '❤️' : '👍');
      expect((await (i % 2 ? b : a).request(i % 4 < 2 ? 'PUT' : 'DELETE', `${base}/thread0001/comments/comment000/reactions/${emoji}`)).status).toBe(200);
    }
    expect((await storedBytes(room)) - afterReplies).toBeLessThan(20 * 200);

    // Nothing was lost on the way: both partners see all 201 comments, in order.
    const listed = (await b.request('GET', base)).body.threads as CommentThread[];
    expect(listed[0].comments.map((c) => c.text)).toEqual([first.text, ...Array.from({ length: 200 }, (_, i) => text(i + 1))]);
    const view = connectClient(server.wsUrl, room, a.cookie);
    clients.push(view);
    await view.synced;
    expect(readThread(view.doc, 'thread0001')).toEqual(listed[0]);
  });

  it('stored by an earlier version keep showing, and carry on in the new layout when they change', async () => {
    const { a, b, userA, userB, base, room } = await setup();
    // A comments document as Duet stored it before: each thread one JSON value in getMap('threads').
    const ada = { id: userA.id, name: userA.name };
    const ben = { id: userB.id, name: userB.name };
    const none = { threads: 0, comments: 0 };
    const t1 = applyCommentCommand(null, { type: 'createThread', threadId: 'thread0001', commentId: 'comment001', quote: 'the pier', text: 'Remember?' }, ben, ENTRY, 1000, none);
    const t1reacted = applyCommentCommand(t1, { type: 'react', threadId: 'thread0001', commentId: 'comment001', emoji: '❤️', on: true }, ada, ENTRY, 1001, none);
    const t2 = applyCommentCommand(null, { type: 'createThread', threadId: 'thread0002', commentId: 'comment002', quote: 'sunset', text: 'Best evening' }, ada, ENTRY, 1002, none);
    const old = new Y.Doc();
    old.getMap<string>(LEGACY_THREADS_FIELD).set('thread0001', JSON.stringify(t1reacted));
    old.getMap<string>(LEGACY_THREADS_FIELD).set('thread0002', JSON.stringify(t2));
    await server.storage.appendUpdates([{ doc: room, update: Y.encodeStateAsUpdate(old) }]);

    expect((await a.request('GET', base)).body.threads).toEqual([t1reacted, t2]);
    const view = connectClient(server.wsUrl, room, b.cookie);
    clients.push(view);
    await view.synced;
    expect(readThread(view.doc, 'thread0002')).toEqual(t2);

    // A reply to the old thread: the thread keeps its comments and reactions, and the partner sees it live.
    expect((await a.request('POST', `${base}/thread0001/comments`, { commentId: 'comment003', text: 'Of course' })).status).toBe(200);
    await waitForDoc(view.doc, (d) => readThread(d, 'thread0001')?.comments.length === 2);
    const carried = readThread(view.doc, 'thread0001')!;
    expect(carried.comments.map((c) => [c.author.name, c.text, c.reactions])).toEqual([
      ['Ben', 'Remember?', { '❤️': [userA.id] }],
      ['Ada', 'Of course', {}],
    ]);
    expect(view.doc.getMap(LEGACY_THREADS_FIELD).has('thread0001')).toBe(false);
    // Rules still hold on a carried-over thread: Ada cannot edit Ben's words.
    expect((await a.request('PATCH', `${base}/thread0001/comments/comment001`, { text: 'forged' })).status).toBe(403);
    const { threads } = (await b.request('GET', base)).body;
    expect(threads.map((t: CommentThread) => [t.id, t.comments.length])).toEqual([
      ['thread0001', 2],
      ['thread0002', 1],
    ]);
  });
});
