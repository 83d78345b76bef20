import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerCommentsKey, answerRoom } from '#shared/documents/answer.js';
import { commentsRoom, readThreads } from '#shared/documents/comments.js';
import { entryBody } from '#shared/documents/entry.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { COMMENT_MARK } from '#shared/schema/commentMark.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import type { ApiClient } from '../helpers/apiClient.js';
import { nextClose, waitForDoc } from '../helpers/collabClient.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';
import { upgradeStatus } from '../helpers/rawSocket.js';
import type { TestServer } from '../helpers/testServer.js';

const schema = entrySchema();

function writeAnswer(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  entryBody(doc).insert(0, [paragraph]);
}

/** The answer's words, formatting (comment marks) aside. */
function bodyText(doc: Y.Doc): string {
  const texts: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push((child.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join(''));
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(entryBody(doc));
  return texts.join('\n');
}
/** The thread ids of the comment marks in an answer's text. */
function markedThreads(doc: Y.Doc): string[] {
  const ids = new Set<string>();
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as { attributes?: Record<string, { threadId?: string } | null> }[]) {
          for (const [key, value] of Object.entries(op.attributes ?? {})) if (key.startsWith(COMMENT_MARK) && value?.threadId) ids.add(value.threadId);
        }
      } else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(entryBody(doc));
  return [...ids];
}

describe('comments on a phrase of the partner’s answer', () => {
  let couple: CoupleOnRelay;
  let server: TestServer;
  let a: ApiClient;
  let b: ApiClient;
  let ada: string;
  let ben: string;
  let journalId: string;
  const open = (room: string, as: ApiClient) => couple.open(room, as);

  beforeEach(async () => {
    couple = await startCoupleOnRelay({ timeZone: 'Europe/Berlin' });
    ({ server, a, b, ada, ben, journalId } = couple);
  });
  afterEach(() => couple.close());

  /** Writes and shares `as`'s answer for `day`, as their device does. */
  async function answer(as: ApiClient, userId: string, day: string, words: string) {
    const room = answerRoom(journalId, userId, day);
    const writer = open(room, as);
    await writer.synced;
    writeAnswer(writer.doc, words);
    await waitForDoc(open(room, as).doc, (doc) => bodyText(doc).includes(words));
    return as.request('POST', `/api/journals/${journalId}/days/${day}/answer`, { questionId: 'light-001' });
  }

  it('seals them with the answer, then lets the partner comment on a phrase and the writer see it live', async () => {
    const { today: day } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    const words = 'the night the ferry broke down and we sang';
    expect((await answer(a, ada, day, words)).status).toBe(200);
    const key = answerCommentsKey(ada, day);
    const threads = `/api/journals/${journalId}/entries/${key}/threads`;
    const thread = { threadId: 'thread-on-ferry-01', commentId: 'comment-on-ferry-1', quote: 'the ferry', text: 'I still hum it', anchorVersion: null };

    // Before the reveal: nobody but Ada reads or writes her answer's comments.
    expect(await upgradeStatus(`${server.wsUrl}/${commentsRoom(journalId, key)}`, b.cookie)).toBe(403);
    expect((await b.request('GET', threads)).status).toBe(403);
    expect((await b.request('POST', threads, thread)).status).toBe(403);
    expect((await b.request('PUT', `/api/journals/${journalId}/entries/${key}/read`, { seenAt: 1 })).status).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/${commentsRoom(journalId, key)}`, a.cookie)).toBe(101);
    expect((await a.request('GET', threads)).status).toBe(200);

    // Ben answers: both are revealed.
    const second = await answer(b, ben, day, 'when you waited at the station in the rain');
    expect(second.body.status.revealedAt).toEqual(expect.any(Number));

    // Ada watches her answer and its comments.
    const adaAnswer = open(answerRoom(journalId, ada, day), a);
    const adaComments = open(commentsRoom(journalId, key), a);
    await Promise.all([adaAnswer.synced, adaComments.synced]);

    // Ben marks "the ferry" in Ada's answer as his editor does, then starts the thread.
    const benAnswer = open(answerRoom(journalId, ada, day), b);
    await waitForDoc(benAnswer.doc, (doc) => bodyText(doc).includes(words));
    const editor = new HeadlessEditor(benAnswer.doc, schema);
    // "the ferry" starts at character 11 of the paragraph (position 1 is its first character).
    const from = 1 + words.indexOf('the ferry');
    const marked = editor.apply((state) => state.tr.addMark(from, from + 'the ferry'.length, schema.marks[COMMENT_MARK].create({ threadId: thread.threadId })));
    expect(marked).toBe(true);
    const created = await b.request('POST', threads, thread);
    expect(created.status).toBe(201);

    // Ada sees the mark in her text and the thread, live, and answers.
    await waitForDoc(adaAnswer.doc, (doc) => markedThreads(doc).includes(thread.threadId));
    await waitForDoc(adaComments.doc, (doc) => readThreads(doc).has(thread.threadId));
    expect(bodyText(adaAnswer.doc)).toContain(words);
    const reply = await a.request('POST', `${threads}/${thread.threadId}/comments`, { commentId: 'reply-on-ferry-01', text: 'Badly, and all night' });
    expect(reply.status).toBe(200);
    const benComments = open(commentsRoom(journalId, key), b);
    await waitForDoc(benComments.doc, (doc) => readThreads(doc).get(thread.threadId)?.comments.length === 2);

    // The answer is no entry: its comments leave no summary in the journal's index.
    const index = open(indexRoom(journalId), b);
    await index.synced;
    expect(Buffer.from(Y.encodeStateAsUpdate(index.doc)).toString('latin1')).not.toContain(key);

    // Changing Ada's words is still refused, and nothing of it is stored.
    const closed = nextClose(benAnswer.provider);
    editor.apply((state) => state.tr.delete(from, from + 'the ferry '.length));
    expect((await closed).code).toBe(CloseCode.ForbiddenChange);
    const fresh = open(answerRoom(journalId, ada, day), a);
    await waitForDoc(fresh.doc, (doc) => bodyText(doc).includes(words));
    expect(markedThreads(fresh.doc)).toEqual([thread.threadId]);
  });
});
