import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerRoom } from '#shared/documents/answer.js';
import { commentsRoom, readThread } from '#shared/documents/comments.js';
import { draftRoom } from '#shared/documents/draft.js';
import { entryBody, entryRoom } from '#shared/documents/entry.js';
import { createEntry, indexRoom, readEntries } from '#shared/documents/journalIndex.js';
import { addDraft, mineRoom } from '#shared/documents/mine.js';
import { NOTE_TEXT_FIELD, noteRoom } from '#shared/documents/note.js';
import { FORMER_MEMBER } from '#shared/documents/personName.js';
import { readDayStatus, ritualsRoom } from '#shared/documents/rituals.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { ApiClient } from '../helpers/apiClient.js';
import { nextClose, waitForDoc } from '../helpers/collabClient.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';

const PASSWORD = 'a long enough password';
const NAME = 'Zelphine Quartermaine';

function writeParagraph(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  entryBody(doc).insert(0, [paragraph]);
}

/** Every byte SQLite keeps for the data folder: the database and its write-ahead log. */
function databaseBytes(dataDir: string): string {
  const files = ['duet.sqlite', 'duet.sqlite-wal'].map((f) => join(dataDir, f)).filter(existsSync);
  return files.map((f) => readFileSync(f).toString('latin1')).join('\n');
}

describe('deleting an account', () => {
  let couple: CoupleOnRelay;
  beforeEach(async () => {
    couple = await startCoupleOnRelay({ timeZone: 'Europe/Berlin' });
  });
  afterEach(() => couple.close());

  it('removes the person and their private writing from the database; shared writing stays for the partner as "former member"', async () => {
    const { a, b, ada, ben, journalId, server } = couple;
    expect((await a.request('PATCH', '/api/me', { name: NAME })).status).toBe(200);
    const email = (await a.request('GET', '/api/me')).body.user.email as string;

    // Shared: an entry Ada wrote, and her comment on it.
    const adaIndex = await couple.openSynced(indexRoom(journalId), a);
    const entryId = createEntry(adaIndex.doc, { id: ada, name: NAME });
    const entry = await couple.openSynced(entryRoom(journalId, entryId), a);
    writeParagraph(entry.doc, 'We walked to the lighthouse at dawn.');
    await couple.relayHas(entryRoom(journalId, entryId), b, (doc) => entryBody(doc).toString().includes('lighthouse'));
    const thread = { threadId: 'thread0001', commentId: 'comment001', quote: 'lighthouse', text: 'The fog horn!' };
    expect((await a.request('POST', `/api/journals/${journalId}/entries/${entryId}/threads`, thread)).status).toBe(201);

    // Private: a draft, her own records, a sealed answer, a note not yet delivered.
    const draft = draftRoom(journalId, ada, 'draft00001');
    writeParagraph((await couple.openSynced(draft, a)).doc, 'quiet draft about the anniversary surprise');
    addDraft((await couple.openSynced(mineRoom(journalId, ada), a)).doc, 'draft00001', Date.now());
    const { today } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    const answer = answerRoom(journalId, ada, today);
    writeParagraph((await couple.openSynced(answer, a)).doc, 'sealed answer about the blue kayak');
    await couple.relayHas(answer, a, (doc) => entryBody(doc).toString().includes('kayak'));
    expect((await a.request('POST', `/api/journals/${journalId}/days/${today}/answer`, { questionId: 'light-001' })).status).toBe(200);
    const note = noteRoom(journalId, ada, 'note000001');
    (await couple.openSynced(note, a)).doc.getText(NOTE_TEXT_FIELD).insert(0, 'waiting note about the cinema tickets');
    await couple.relayHas(note, a, (doc) => doc.getText(NOTE_TEXT_FIELD).toString().includes('cinema'));
    expect((await a.request('PUT', `/api/journals/${journalId}/notes/note000001`, { emoji: '🎬', deliverAt: Date.now() + 86_400_000 })).status).toBe(200);
    await couple.relayHas(mineRoom(journalId, ada), a, (doc) => doc.share.size > 0);
    await couple.relayHas(draft, a, (doc) => entryBody(doc).toString().includes('anniversary'));
    // A journal only Ada is in.
    const alone = await a.createJournal('Just me');
    const aloneIndex = await couple.openSynced(indexRoom(alone), a);
    createEntry(aloneIndex.doc, { id: ada, name: NAME });
    await couple.relayHas(indexRoom(alone), a, (doc) => readEntries(doc).length === 1);

    const benIndex = await couple.openSynced(indexRoom(journalId), b);
    await waitForDoc(benIndex.doc, (doc) => readEntries(doc).some((e) => e.id === entryId));

    expect((await a.request('DELETE', '/api/me', { password: 'not the password' })).status).toBe(403);
    const closed = nextClose(adaIndex.provider);
    const deleted = await a.request('DELETE', '/api/me', { password: PASSWORD });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await closed).code).toBe(CloseCode.Unauthorized);
    expect((await a.request('GET', '/api/me')).status).toBe(401);
    expect((await new ApiClient(server.url).request('POST', '/api/sessions', { email, password: PASSWORD })).status).toBe(401);

    // Ben keeps the journal, now its owner, and sees what Ada shared credited to "former member", live.
    await waitForDoc(benIndex.doc, (doc) => readEntries(doc).find((e) => e.id === entryId)?.authors[0].name === FORMER_MEMBER);
    const detail = (await b.request('GET', `/api/journals/${journalId}`)).body;
    expect(detail.members.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([[ben, 'owner']]);
    expect((await b.request('POST', `/api/journals/${journalId}/invites`)).status).toBe(201);
    const comments = await couple.openSynced(commentsRoom(journalId, entryId), b);
    expect(readThread(comments.doc, 'thread0001')?.comments[0]).toMatchObject({ author: { id: ada, name: FORMER_MEMBER }, text: 'The fog horn!' });
    // Ben no longer waits for an answer that is gone.
    const rituals = await couple.openSynced(ritualsRoom(journalId), b);
    expect(readDayStatus(rituals.doc, today).answeredBy).toEqual({});
    const benEntry = await couple.openSynced(entryRoom(journalId, entryId), b);
    expect(entryBody(benEntry.doc).toString()).toContain('lighthouse');

    // Read the files themselves, after the server has let go of them.
    await server.stop();
    const bytes = databaseBytes(server.dataDir);
    expect(bytes).toContain('lighthouse');
    for (const gone of [email, NAME, draft, answer, note, mineRoom(journalId, ada), indexRoom(alone), 'anniversary surprise', 'blue kayak', 'cinema tickets']) {
      expect(bytes.includes(gone), `"${gone}" is still in the database files`).toBe(false);
    }
  });
});
