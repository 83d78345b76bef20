import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, currentCard, currentTurn, dateNightRoom, hasLateWork, pressNext, readEnd, readNotes, writeSetup } from '#shared/documents/dateNight.js';
import { readCardsSeen, readOpenNights } from '#shared/documents/dateNightLog.js';
import { entryBody, entryRoom } from '#shared/documents/entry.js';
import { readEntries } from '#shared/documents/journalIndex.js';
import { ritualsRoom } from '#shared/documents/rituals.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { buildDeck } from '#shared/rituals/dateNightDeck.js';
import { questionById, QUESTIONS } from '#shared/rituals/questionLibrary.js';
import type { ApiClient } from '../helpers/apiClient.js';
import { nextClose, waitForDoc, waitForDocs } from '../helpers/collabClient.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';

const NIGHT = 'firstDateNight01';

const sameState = (x: Y.Doc, y: Y.Doc) => Buffer.from(Y.encodeStateVector(x)).equals(Buffer.from(Y.encodeStateVector(y)));

describe('a date night through the real relay and API', () => {
  let couple: CoupleOnRelay;
  let a: ApiClient;
  let b: ApiClient;
  let ada: string;
  let ben: string;
  let journalId: string;

  const open = (room: string, as: ApiClient) => couple.openSynced(room, as);
  /** Waits until the relay has what a predicate asks for: a new connection sees it. */
  const relayHas = (room: string, as: ApiClient, predicate: (doc: Y.Doc) => boolean) => couple.relayHas(room, as, predicate);

  beforeEach(async () => {
    couple = await startCoupleOnRelay();
    ({ a, b, ada, ben, journalId } = couple);
  });
  afterEach(() => couple.close());

  /** Ada starts a night on her device, and it is announced once the relay has it. */
  async function startNight() {
    const adaNight = await open(dateNightRoom(journalId, NIGHT), a);
    // Before the night reaches the server there is nothing to announce.
    const early = await a.request('PUT', `/api/journals/${journalId}/datenights/${NIGHT}`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('night_not_here');
    writeSetup(adaNight.doc, { category: 'dreams', deck: buildDeck(NIGHT, 'dreams', QUESTIONS, new Map()), startedBy: ada, startedAt: Date.now() });
    await relayHas(dateNightRoom(journalId, NIGHT), a, (doc) => currentCard(doc, NIGHT) !== null);
    const announced = await a.request('PUT', `/api/journals/${journalId}/datenights/${NIGHT}`);
    expect(announced.status).toBe(200);
    expect(announced.body.night).toMatchObject({ nightId: NIGHT, category: 'dreams', startedBy: ada, endedAt: null });
    return adaNight;
  }

  it('shows both partners the same card, and two presses of "next" at once turn one card on both', async () => {
    const benRituals = await open(ritualsRoom(journalId), b);
    const adaNight = await startNight();
    await waitForDoc(benRituals.doc, (doc) => readOpenNights(doc).some((n) => n.nightId === NIGHT && n.startedBy === ada));

    const benNight = await open(dateNightRoom(journalId, NIGHT), b);
    expect(currentCard(benNight.doc, NIGHT)).toBe(currentCard(adaNight.doc, NIGHT));
    const first = currentCard(adaNight.doc, NIGHT);

    // Both press in the same tick: neither has heard of the other's press when it writes its own.
    pressNext(adaNight.doc, ada);
    pressNext(benNight.doc, ben);
    await waitForDocs([adaNight.doc, benNight.doc], () => sameState(adaNight.doc, benNight.doc));
    expect(currentTurn(adaNight.doc)).toBe(1);
    expect(currentTurn(benNight.doc)).toBe(1);
    expect(currentCard(benNight.doc, NIGHT)).toBe(currentCard(adaNight.doc, NIGHT));
    expect(currentCard(adaNight.doc, NIGHT)).not.toBe(first);
    // And the relay holds the same: a third device joining now lands on that card.
    const probe = await relayHas(dateNightRoom(journalId, NIGHT), b, (doc) => currentTurn(doc) === 1);
    expect(currentCard(probe.doc, NIGHT)).toBe(currentCard(adaNight.doc, NIGHT));

    // Next from either side turns both screens.
    pressNext(benNight.doc, ben);
    await waitForDoc(adaNight.doc, (doc) => currentTurn(doc) === 2);
    expect(currentCard(adaNight.doc, NIGHT)).toBe(currentCard(benNight.doc, NIGHT));
  });

  it('refuses a note written under the partner\'s name', async () => {
    await startNight();
    const benNight = await open(dateNightRoom(journalId, NIGHT), b);
    const closed = nextClose(benNight.provider);
    addNote(benNight.doc, 0, { id: 'forgedNote01', by: ada, text: 'words Ada never wrote' });
    expect((await closed).code).toBe(CloseCode.ForbiddenChange);
    const again = await open(dateNightRoom(journalId, NIGHT), b);
    expect(readNotes(again.doc)).toEqual([]);
  });

  it('ends as one entry on the timeline, even when both end it at once, and adds what arrives later', async () => {
    const adaNight = await startNight();
    const benNight = await open(dateNightRoom(journalId, NIGHT), b);
    addNote(adaNight.doc, 0, { id: 'adaNote0001', by: ada, text: 'A cabin by a lake, for a whole summer.' });
    pressNext(benNight.doc, ben);
    addNote(benNight.doc, 1, { id: 'benNote0001', by: ben, text: 'Learning to sail, badly, together.' });
    await relayHas(dateNightRoom(journalId, NIGHT), a, (doc) => readNotes(doc).length === 2 && currentTurn(doc) === 1);
    const secondCard = currentCard(adaNight.doc, NIGHT)!;

    const [fromAda, fromBen] = await Promise.all([
      a.request('POST', `/api/journals/${journalId}/datenights/${NIGHT}/end`),
      b.request('POST', `/api/journals/${journalId}/datenights/${NIGHT}/end`),
    ]);
    expect(fromAda.status).toBe(200);
    expect(fromBen.status).toBe(200);
    expect(fromBen.body.night.entryId).toBe(fromAda.body.night.entryId);
    const entryId = fromAda.body.night.entryId as string;

    // Both devices see the night end, live.
    await waitForDoc(benNight.doc, (doc) => readEnd(doc)?.entryId === entryId);
    const index = await open(`${journalId}/index`, b);
    const nightEntries = readEntries(index.doc).filter((e) => e.title.startsWith('Date night'));
    expect(nightEntries).toHaveLength(1);
    expect(nightEntries[0]).toMatchObject({ id: entryId, title: 'Date night: Dreams and plans', createdBy: ada, deletedAt: null });
    expect(nightEntries[0].authors.map((x) => x.id).sort()).toEqual([ada, ben].sort());

    const entry = await open(entryRoom(journalId, entryId), b);
    const body = entryBody(entry.doc).toString();
    expect(body).toContain('A cabin by a lake');
    expect(body).toContain('Learning to sail');
    expect(body).toContain(questionById(secondCard)!.text);
    expect(body.match(/<heading/g)).toHaveLength(2);

    const rituals = await open(ritualsRoom(journalId), a);
    expect(readOpenNights(rituals.doc)).toEqual([]);
    expect(readCardsSeen(rituals.doc).has(secondCard)).toBe(true);

    // Ben's phone was offline at the end: a card and a note arrive afterwards, and his device asks again.
    pressNext(benNight.doc, ben);
    addNote(benNight.doc, 2, { id: 'benNote0002', by: ben, text: 'Written on the train home.' });
    await relayHas(dateNightRoom(journalId, NIGHT), b, (doc) => hasLateWork(doc));
    expect((await b.request('POST', `/api/journals/${journalId}/datenights/${NIGHT}/end`)).status).toBe(200);
    await waitForDoc(entry.doc, (doc) => entryBody(doc).toString().includes('train home'));
    expect(entryBody(entry.doc).toString()).toContain('Added after the evening');
    await waitForDoc(benNight.doc, (doc) => !hasLateWork(doc));
    // Nothing new: asking again changes nothing.
    const before = entryBody(entry.doc).toString();
    expect((await a.request('POST', `/api/journals/${journalId}/datenights/${NIGHT}/end`)).status).toBe(200);
    expect(entryBody(entry.doc).toString()).toBe(before);
  });
});
