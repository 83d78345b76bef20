import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkinRoom, focusText, readCheckinMeta, readDone, sectionText, setDone } from '#shared/documents/checkin.js';
import { readCheckinWeeks, ritualsRoom } from '#shared/documents/rituals.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { ApiClient } from '../helpers/apiClient.js';
import { nextClose, waitForDoc } from '../helpers/collabClient.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';
import { upgradeStatus } from '../helpers/rawSocket.js';

const DAY = 86_400_000;
/** Wednesday 2026-11-25, noon in Berlin: ISO week 2026-W48 there. */
const START = Date.parse('2026-11-25T11:00:00Z');

describe('the weekly check-in through the relay and the API', () => {
  let couple: CoupleOnRelay;
  let a: ApiClient;
  let b: ApiClient;
  let ada: string;
  let ben: string;
  let journalId: string;
  let clock: number;

  /** A stock provider on `room` as `as`; `doc` may hold changes made before connecting (offline). */
  const open = (room: string, as: ApiClient, doc?: Y.Doc) => couple.open(room, as, doc);

  beforeEach(async () => {
    clock = START;
    couple = await startCoupleOnRelay({ now: () => clock, timeZone: 'Europe/Berlin' });
    ({ a, b, ada, ben, journalId } = couple);
  });
  afterEach(() => couple.close());

  it('ends in one document when both start the week at the same moment, both offline', async () => {
    const room = checkinRoom(journalId, '2026-W48');
    // Each writes on their own device before it has ever reached the relay.
    const adaDoc = new Y.Doc();
    sectionText(adaDoc, 'appreciations', ada).insert(0, 'You carried the groceries up four floors.');
    focusText(adaDoc).insert(0, 'Phones away');
    const benDoc = new Y.Doc();
    sectionText(benDoc, 'wasHard', ben).insert(0, 'My mother’s visit.');
    focusText(benDoc).insert(0, 'Dinner together');

    const [adaClient, benClient] = [open(room, a, adaDoc), open(room, b, benDoc)];
    const complete = (doc: Y.Doc) =>
      sectionText(doc, 'appreciations', ada).toString().includes('groceries') &&
      sectionText(doc, 'wasHard', ben).toString().includes('mother') &&
      readCheckinMeta(doc).seeded;
    await Promise.all([waitForDoc(adaClient.doc, complete), waitForDoc(benClient.doc, complete)]);

    // The server wrote its part once, naming both; the couple's one thing holds both words.
    for (const doc of [adaClient.doc, benClient.doc]) {
      const meta = readCheckinMeta(doc);
      expect(meta).toMatchObject({ week: '2026-W48', members: { [ada]: 'Ada', [ben]: 'Ben' }, carried: [] });
      expect(focusText(doc).toString()).toMatch(/Phones away/);
      expect(focusText(doc).toString()).toMatch(/Dinner together/);
    }
    await waitForDoc(adaClient.doc, () => focusText(adaClient.doc).toString() === focusText(benClient.doc).toString());
    const rituals = open(ritualsRoom(journalId), b);
    await waitForDoc(rituals.doc, (doc) => readCheckinWeeks(doc).length > 0);
    expect(readCheckinWeeks(rituals.doc)).toEqual(['2026-W48']);
  });

  it('refuses a partner’s write into the other’s section, and keeps the server’s part to the server', async () => {
    const room = checkinRoom(journalId, '2026-W48');
    const benClient = open(room, b);
    await benClient.synced;
    sectionText(benClient.doc, 'wentWell', ben).insert(0, 'The lake on Saturday.');
    const adaClient = open(room, a);
    await waitForDoc(adaClient.doc, (doc) => sectionText(doc, 'wentWell', ben).length > 0);

    const closed = nextClose(adaClient.provider);
    sectionText(adaClient.doc, 'wentWell', ben).insert(0, 'Words Ben did not write. ');
    expect((await closed).code).toBe(CloseCode.ForbiddenChange);
    adaClient.provider.disconnect();

    const forger = open(room, a);
    await forger.synced;
    const refused = nextClose(forger.provider);
    forger.doc.getMap('checkin').set('carried', [{ id: '2026-W47', text: 'A thing nobody agreed to' }]);
    expect((await refused).code).toBe(CloseCode.ForbiddenChange);
    forger.provider.disconnect();

    // Ben's words are his alone, and nothing refused was kept.
    const fresh = open(room, b);
    await fresh.synced;
    expect(sectionText(fresh.doc, 'wentWell', ben).toString()).toBe('The lake on Saturday.');
    expect(readCheckinMeta(fresh.doc).carried).toEqual([]);
    // Ada still writes her own.
    const again = open(room, a);
    await again.synced;
    sectionText(again.doc, 'wentWell', ada).insert(0, 'Sunday pancakes.');
    await waitForDoc(fresh.doc, (doc) => sectionText(doc, 'wentWell', ada).toString() === 'Sunday pancakes.');
  });

  it('carries the one thing into later weeks until it is marked done', async () => {
    const w48 = open(checkinRoom(journalId, '2026-W48'), a);
    await w48.synced;
    focusText(w48.doc).insert(0, 'Phones away at dinner');
    await waitForDoc(open(checkinRoom(journalId, '2026-W48'), b).doc, (doc) => focusText(doc).length > 0);

    // A week later, next week's document arrives with it, written by the server.
    clock += 7 * DAY;
    const w49 = open(checkinRoom(journalId, '2026-W49'), b);
    await waitForDoc(w49.doc, (doc) => readCheckinMeta(doc).seeded);
    expect(readCheckinMeta(w49.doc).carried).toEqual([{ id: '2026-W48', text: 'Phones away at dinner' }]);
    // Not yet done, and a new thing this week; a skipped week changes nothing.
    focusText(w49.doc).insert(0, 'A walk on Sundays');
    await waitForDoc(open(checkinRoom(journalId, '2026-W49'), a).doc, (doc) => focusText(doc).length > 0);

    clock += 14 * DAY;
    const w51 = open(checkinRoom(journalId, '2026-W51'), a);
    await waitForDoc(w51.doc, (doc) => readCheckinMeta(doc).seeded);
    expect(readCheckinMeta(w51.doc).carried).toEqual([
      { id: '2026-W48', text: 'Phones away at dinner' },
      { id: '2026-W49', text: 'A walk on Sundays' },
    ]);
    // Ben says the first is done (in his name only), and it stops there.
    const benW51 = open(checkinRoom(journalId, '2026-W51'), b);
    await waitForDoc(benW51.doc, (doc) => readCheckinMeta(doc).seeded);
    setDone(benW51.doc, '2026-W48', ben, true, clock);
    await waitForDoc(w51.doc, (doc) => readDone(doc, '2026-W48') !== null);
    expect(readDone(w51.doc, '2026-W48')).toEqual({ by: ben, at: clock });

    clock += 7 * DAY;
    const w52 = open(checkinRoom(journalId, '2026-W52'), a);
    await waitForDoc(w52.doc, (doc) => readCheckinMeta(doc).seeded);
    expect(readCheckinMeta(w52.doc).carried).toEqual([{ id: '2026-W49', text: 'A walk on Sundays' }]);
  });

  it('opens no week that has not begun in the couple’s zone', async () => {
    expect(await upgradeStatus(`${couple.server.wsUrl}/${checkinRoom(journalId, '2026-W50')}`, a.cookie)).toBe(404);
    expect(await upgradeStatus(`${couple.server.wsUrl}/${journalId}/checkin-2026-W54`, a.cookie)).toBe(404);
    // Sunday evening in Berlin, a device a little ahead may already start Monday's week.
    clock = Date.parse('2026-11-29T20:00:00Z');
    const next = open(checkinRoom(journalId, '2026-W49'), a);
    await waitForDoc(next.doc, (doc) => readCheckinMeta(doc).seeded);
  });
});
