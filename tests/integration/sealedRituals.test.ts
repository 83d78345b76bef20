import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerRoom } from '#shared/documents/answer.js';
import { draftRoom } from '#shared/documents/draft.js';
import { mineRoom } from '#shared/documents/mine.js';
import { entryBody, entryRoom } from '#shared/documents/entry.js';
import { entriesMap, indexRoom, readEntries } from '#shared/documents/journalIndex.js';
import { NOTE_TEXT_FIELD, noteRoom } from '#shared/documents/note.js';
import { readDayStatus, readDeliveredNotes, readSchedule, ritualsRoom } from '#shared/documents/rituals.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { addDays } from '#shared/rituals/calendar.js';
import type { ApiClient } from '../helpers/apiClient.js';
import { nextClose, waitForDoc } from '../helpers/collabClient.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';
import { upgradeStatus } from '../helpers/rawSocket.js';
import type { TestServer } from '../helpers/testServer.js';

/** Writes a paragraph into an answer's body, as the editor would. */
function writeAnswer(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  entryBody(doc).insert(0, [paragraph]);
}

const bodyText = (doc: Y.Doc) => entryBody(doc).toString();

describe('what a partner receives of the other one\'s sealed answer, note for later', () => {
  let couple: CoupleOnRelay;
  let server: TestServer;
  let a: ApiClient;
  let b: ApiClient;
  let ada: string;
  let ben: string;
  let journalId: string;
  const open = (room: string, as: ApiClient) => couple.open(room, as);
  const relayHas = (room: string, as: ApiClient, predicate: (doc: Y.Doc) => boolean) => couple.relayHas(room, as, predicate);
  /** Everything a modified client of `as` can fetch about the journal, as one string. */
  const everythingVisibleTo = async (as: ApiClient, day: string) => {
    const texts: string[] = [];
    for (const path of [`/api/journals/${journalId}`, `/api/journals/${journalId}/rituals`, `/api/journals/${journalId}/notes`, '/api/me']) {
      texts.push(JSON.stringify((await as.request('GET', path)).body));
    }
    const rituals = open(ritualsRoom(journalId), as);
    await rituals.synced;
    const index = open(`${journalId}/index`, as);
    await index.synced;
    texts.push(Buffer.from(Y.encodeStateAsUpdate(rituals.doc)).toString('latin1'), Buffer.from(Y.encodeStateAsUpdate(index.doc)).toString('latin1'));
    texts.push(JSON.stringify(readDayStatus(rituals.doc, day)));
    return texts.join('\n');
  };

  beforeEach(async () => {
    couple = await startCoupleOnRelay({ timeZone: 'Europe/Berlin' });
    ({ server, a, b, ada, ben, journalId } = couple);
  });
  afterEach(() => couple.close());

  it('gives both partners the same question of the day, written ahead for offline devices', async () => {
    const { today } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    const adaView = open(ritualsRoom(journalId), a);
    const benView = open(ritualsRoom(journalId), b);
    await Promise.all([adaView.synced, benView.synced]);
    await waitForDoc(benView.doc, (doc) => readSchedule(doc).has(addDays(today, 28)));
    expect(readSchedule(adaView.doc).get(today)).toBe(readSchedule(benView.doc).get(today));
    expect(readSchedule(benView.doc).get(today)).toMatch(/^[a-z]+-\d{3}$/);
  });

  it('keeps an answer sealed until both have answered, then opens both to both, live', async () => {
    const { today: day } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    const secret = 'the night the ferry broke down and we sang';
    const adaAnswer = open(answerRoom(journalId, ada, day), a);
    await adaAnswer.synced;
    writeAnswer(adaAnswer.doc, secret);
    await relayHas(answerRoom(journalId, ada, day), a, (doc) => bodyText(doc).includes(secret));
    const answered = await a.request('POST', `/api/journals/${journalId}/days/${day}/answer`, { questionId: 'light-001' });
    expect(answered.status).toBe(200);
    expect(answered.body.status.revealedAt).toBeNull();

    // Ben's modified client tries every door it can name.
    for (const room of [answerRoom(journalId, ada, day), answerRoom(journalId, ada, addDays(day, -1)), answerRoom(journalId, ada, addDays(day, 1))]) {
      expect(await upgradeStatus(`${server.wsUrl}/${room}`, b.cookie), room).toBe(403);
    }
    const visible = await everythingVisibleTo(b, day);
    expect(visible).not.toContain(secret);
    expect(visible).not.toContain('ferry');
    // He sees that she answered, and when, never how much.
    const benRituals = open(ritualsRoom(journalId), b);
    await benRituals.synced;
    expect(Object.keys(readDayStatus(benRituals.doc, day).answeredBy)).toEqual([ada]);
    expect(JSON.stringify(readDayStatus(benRituals.doc, day))).not.toMatch(new RegExp(`\\b${secret.length}\\b`));
    // Saying he answered without an answer on the server reveals nothing.
    const empty = await b.request('POST', `/api/journals/${journalId}/days/${day}/answer`, { questionId: 'light-001' });
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe('empty_answer');
    expect(await upgradeStatus(`${server.wsUrl}/${answerRoom(journalId, ada, day)}`, b.cookie)).toBe(403);

    // Ada watches the rituals document; Ben answers.
    const adaRituals = open(ritualsRoom(journalId), a);
    await adaRituals.synced;
    const benAnswer = open(answerRoom(journalId, ben, day), b);
    await benAnswer.synced;
    writeAnswer(benAnswer.doc, 'when you waited at the station in the rain');
    await relayHas(answerRoom(journalId, ben, day), b, (doc) => bodyText(doc).includes('station'));
    const second = await b.request('POST', `/api/journals/${journalId}/days/${day}/answer`, { questionId: 'light-001' });
    expect(second.status).toBe(200);
    expect(second.body.status.revealedAt).toEqual(expect.any(Number));
    await waitForDoc(adaRituals.doc, (doc) => readDayStatus(doc, day).revealedAt !== null);

    // Now each reads the other's answer.
    const benReadsAda = open(answerRoom(journalId, ada, day), b);
    await waitForDoc(benReadsAda.doc, (doc) => bodyText(doc).includes(secret));
    const adaReadsBen = open(answerRoom(journalId, ben, day), a);
    await waitForDoc(adaReadsBen.doc, (doc) => bodyText(doc).includes('station'));

    // Reading is not writing: Ben cannot change Ada's answer.
    const closed = nextClose(benReadsAda.provider);
    writeAnswer(benReadsAda.doc, 'an edit Ada did not make');
    expect((await closed).code).toBe(CloseCode.ReadOnlyDocument);
    const fresh = open(answerRoom(journalId, ada, day), a);
    await waitForDoc(fresh.doc, (doc) => bodyText(doc).includes(secret));
    expect(bodyText(fresh.doc)).not.toContain('did not make');
  });

  it('delivers a note for later at its time and not before, and lets its writer take it back until then', async () => {
    const noteId = 'note-for-tomorrow-01';
    const words = 'Look in the pocket of your blue coat';
    const adaNote = open(noteRoom(journalId, ada, noteId), a);
    await adaNote.synced;
    adaNote.doc.getText(NOTE_TEXT_FIELD).insert(0, words);
    await relayHas(noteRoom(journalId, ada, noteId), a, (doc) => doc.getText(NOTE_TEXT_FIELD).toString() === words);

    const benRituals = open(ritualsRoom(journalId), b);
    await benRituals.synced;
    const sent = await a.request('PUT', `/api/journals/${journalId}/notes/${noteId}`, { emoji: '🧥', deliverAt: Date.now() + 1_500 });
    expect(sent.status).toBe(200);
    expect(sent.body.note.deliveredAt).toBeNull();

    expect(await upgradeStatus(`${server.wsUrl}/${noteRoom(journalId, ada, noteId)}`, b.cookie)).toBe(403);
    const visible = await everythingVisibleTo(b, '2026-01-01');
    expect(visible).not.toContain('pocket');
    expect(visible).not.toContain('🧥');
    expect(readDeliveredNotes(benRituals.doc)).toEqual([]);
    expect((await b.request('GET', `/api/journals/${journalId}/notes`)).body.notes).toEqual([]);
    // Only its writer can move it.
    expect((await b.request('DELETE', `/api/journals/${journalId}/notes/${noteId}`)).status).toBe(409);

    // At its time it arrives on Ben's side by itself.
    await waitForDoc(benRituals.doc, (doc) => readDeliveredNotes(doc).length === 1);
    expect(readDeliveredNotes(benRituals.doc)[0]).toMatchObject({ id: noteId, from: ada, emoji: '🧥' });
    const benReads = open(noteRoom(journalId, ada, noteId), b);
    await waitForDoc(benReads.doc, (doc) => doc.getText(NOTE_TEXT_FIELD).toString() === words);
    expect((await a.request('DELETE', `/api/journals/${journalId}/notes/${noteId}`)).status).toBe(409);

    // A note set for next week can be taken back, and stays closed.
    const later = 'note-for-next-week-1';
    const laterDoc = open(noteRoom(journalId, ada, later), a);
    await laterDoc.synced;
    laterDoc.doc.getText(NOTE_TEXT_FIELD).insert(0, 'Happy birthday');
    await relayHas(noteRoom(journalId, ada, later), a, (doc) => doc.getText(NOTE_TEXT_FIELD).length > 0);
    expect((await a.request('PUT', `/api/journals/${journalId}/notes/${later}`, { emoji: '🎂', deliverAt: Date.now() + 7 * 86_400_000 })).status).toBe(200);
    expect((await a.request('GET', `/api/journals/${journalId}/notes`)).body.notes.map((n: { noteId: string }) => n.noteId)).toEqual([noteId, later]);
    expect((await a.request('DELETE', `/api/journals/${journalId}/notes/${later}`)).status).toBe(204);
    expect(await upgradeStatus(`${server.wsUrl}/${noteRoom(journalId, ada, later)}`, b.cookie)).toBe(403);
  });

  it('serves a private draft and a member\'s own records only to their writer, ever', async () => {
    const draft = open(draftRoom(journalId, ada, 'draft-000000001'), a);
    await draft.synced;
    writeAnswer(draft.doc, 'a letter I am not ready to share');
    await relayHas(draftRoom(journalId, ada, 'draft-000000001'), a, (doc) => bodyText(doc).includes('not ready'));
    expect(await upgradeStatus(`${server.wsUrl}/${draftRoom(journalId, ada, 'draft-000000001')}`, b.cookie)).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/${mineRoom(journalId, ada)}`, b.cookie)).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/${mineRoom(journalId, ben)}`, b.cookie)).toBe(101);
    expect(await everythingVisibleTo(b, '2026-01-01')).not.toContain('not ready');
  });

  it('lets no entry id in the index point a device at a sealed room', async () => {
    // A partner's modified client plants an entry whose key, made into a room name, would
    // resolve (`entry-x/../answer-…`) to the other partner's own sealed answer on their device.
    const { today: day } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    const planted = `xxxxxxxx/../answer-${ada}.${day}`;
    const index = open(indexRoom(journalId), b);
    await index.synced;
    const closed = nextClose(index.provider);
    index.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      const authors = new Y.Map<string>();
      authors.set(ben, 'Ben');
      for (const [key, value] of Object.entries({ id: planted, title: 'Tap me', preview: '', date: '2099-01-01', createdAt: 1, createdBy: ben, updatedAt: 1, deletedAt: null })) {
        entry.set(key, value);
      }
      entry.set('authors', authors);
      entriesMap(index.doc).set(planted, entry);
    });
    expect((await closed).code).toBe(CloseCode.ForbiddenChange);
    const adaIndex = open(indexRoom(journalId), a);
    await adaIndex.synced;
    expect(entriesMap(adaIndex.doc).has(planted)).toBe(false);
    // And a device never makes such a room name, whatever a document says.
    expect(() => entryRoom(journalId, planted)).toThrow(RangeError);
    entriesMap(adaIndex.doc).set(planted, new Y.Map());
    expect(readEntries(adaIndex.doc).map((e) => e.id)).not.toContain(planted);
  });

  it('refuses what does not make sense, in words a person can act on', async () => {
    const bad = [
      await a.request('POST', `/api/journals/${journalId}/days/2026-02-30/answer`, { questionId: 'light-001' }),
      await a.request('POST', `/api/journals/${journalId}/days/2999-01-01/answer`, { questionId: 'light-001' }),
      await a.request('POST', `/api/journals/${journalId}/days/2026-01-01/answer`, { questionId: 'not-a-question' }),
      await a.request('PUT', `/api/journals/${journalId}/rituals/rhythm`, { timeZone: 'Mars/Olympus' }),
      await a.request('PUT', `/api/journals/${journalId}/rituals/rhythm`, { checkinDay: 9 }),
      await a.request('PUT', `/api/journals/${journalId}/notes/note000001`, { emoji: 'hello', deliverAt: Date.now() }),
    ];
    for (const res of bad) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^[A-Z].*\.$/);
    }
    const stranger = await (async () => {
      const { ApiClient } = await import('../helpers/apiClient.js');
      const c = new ApiClient(server.url);
      await c.signUp('Cleo');
      return c;
    })();
    expect((await stranger.request('GET', `/api/journals/${journalId}/rituals`)).status).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/${ritualsRoom(journalId)}`, stranger.cookie)).toBe(403);
  });
});
