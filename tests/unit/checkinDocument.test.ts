import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  carryForward,
  checkinDocument,
  checkinRoom,
  checkinRule,
  checkinWeek,
  focusText,
  readCheckinMeta,
  readDone,
  sectionText,
  seedCheckin,
  setDone,
} from '#shared/documents/checkin.js';
import { DOCUMENTS } from '#shared/documents/registry.js';
import { isoWeek, weekStart } from '#shared/rituals/calendar.js';

const ada = { id: 'ada0000001', name: 'Ada' };
const ben = { id: 'ben0000001', name: 'Ben' };
const writer = (who: { id: string; name: string }) => ({ userId: who.id, userName: who.name });
const at = (iso: string) => Date.parse(iso);

/**
 * The relay's copy of a check-in, seeded by the server, and each member's
 * copy. `send` applies a member's unsent changes to the relay's copy the way
 * the relay does (watching the rule's types while applying) and returns what
 * the rule says; a refused change goes no further.
 */
function week(seed: { carried?: { id: string; text: string }[] } = {}) {
  const relay = new Y.Doc();
  relay.transact(() => seedCheckin(relay, { week: '2026-W48', startedAt: 1, members: { [ada.id]: ada.name, [ben.id]: ben.name }, carried: seed.carried ?? [] }));
  const copies = new Map([
    [ada.id, new Y.Doc()],
    [ben.id, new Y.Doc()],
  ]);
  for (const copy of copies.values()) Y.applyUpdate(copy, Y.encodeStateAsUpdate(relay));
  const send = (who: { id: string; name: string }): string | null => {
    const doc = copies.get(who.id)!;
    const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(relay));
    const watched = checkinRule.watch(relay);
    let problem: string | null = null;
    const review = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => (problem ??= checkinRule.check(events, relay, writer(who)));
    const rootsBefore = new Set(relay.share.keys());
    for (const type of watched) type.observeDeep(review);
    Y.applyUpdate(relay, update, who);
    for (const type of watched) type.unobserveDeep(review);
    // As the relay does: roots the update created are judged too.
    for (const name of relay.share.keys()) if (!rootsBefore.has(name)) problem ??= checkinRule.newRoot!(name, relay, writer(who));
    if (!problem) for (const copy of copies.values()) Y.applyUpdate(copy, Y.encodeStateAsUpdate(relay));
    return problem;
  };
  return { relay, copy: (who: { id: string }) => copies.get(who.id)!, send };
}

describe('the check-in document’s rule', () => {
  it('lets each partner write their own sections and both write the one thing', () => {
    const { relay, copy, send } = week();
    sectionText(copy(ada), 'appreciations', ada.id).insert(0, 'You cooked all week.');
    expect(send(ada)).toBeNull();
    sectionText(copy(ben), 'wasHard', ben.id).insert(0, 'The move.');
    focusText(copy(ben)).insert(0, 'Walk together on Sundays');
    expect(send(ben)).toBeNull();
    focusText(copy(ada)).insert(0, 'Gently: ');
    sectionText(copy(ada), 'appreciations', ada.id).delete(0, 4);
    expect(send(ada)).toBeNull();
    expect(sectionText(relay, 'appreciations', ada.id).toString()).toBe('cooked all week.');
    expect(focusText(relay).toString()).toBe('Gently: Walk together on Sundays');
  });

  it('refuses a write, or a deletion, in the partner’s section', () => {
    const { copy, send } = week();
    sectionText(copy(ben), 'wentWell', ben.id).insert(0, 'We laughed a lot.');
    expect(send(ben)).toBeNull();
    sectionText(copy(ada), 'wentWell', ben.id).insert(0, 'Not your words: ');
    expect(send(ada)).toMatch(/own sections/);

    const other = week();
    sectionText(other.copy(ben), 'wentWell', ben.id).insert(0, 'We laughed a lot.');
    expect(other.send(ben)).toBeNull();
    sectionText(other.copy(ada), 'wentWell', ben.id).delete(0, 3);
    expect(other.send(ada)).toMatch(/own sections/);
  });

  it('refuses a write in a section the partner has not started yet', () => {
    const { copy, send } = week();
    sectionText(copy(ada), 'needNext', ben.id).insert(0, 'Ben needs more sleep');
    expect(send(ada)).toMatch(/own sections/);
  });

  it('refuses a section in the name of someone not yet a member, and parts nobody reads', () => {
    const { copy, send } = week();
    sectionText(copy(ada), 'appreciations', 'cleo000001').insert(0, 'written before Cleo joined');
    expect(send(ada)).toMatch(/own sections/);
    const other = week();
    other.copy(ben).getText('graffiti').insert(0, 'x');
    expect(other.send(ben)).toMatch(/cannot be changed/);
  });

  it('keeps the server’s part to the server and done marks in their writer’s name', () => {
    const { copy, send } = week({ carried: [{ id: '2026-W47', text: 'Phones away at dinner' }] });
    copy(ada).getMap('checkin').set('carried', []);
    expect(send(ada)).toMatch(/written by the server/);

    const fair = week({ carried: [{ id: '2026-W47', text: 'Phones away at dinner' }] });
    setDone(fair.copy(ben), '2026-W47', ben.id, true, 5);
    expect(fair.send(ben)).toBeNull();
    expect(readDone(fair.relay, '2026-W47')).toEqual({ by: ben.id, at: 5 });
    // Either may take it back.
    setDone(fair.copy(ada), '2026-W47', ada.id, false);
    expect(fair.send(ada)).toBeNull();
    expect(readDone(fair.relay, '2026-W47')).toBeNull();

    const forged = week();
    setDone(forged.copy(ada), '2026-W47', ben.id, true);
    expect(forged.send(ada)).toMatch(/own name/);
  });

  it('merges both partners starting the same week offline into one document', () => {
    const { relay, copy, send } = week();
    sectionText(copy(ada), 'appreciations', ada.id).insert(0, 'Ada’s thanks');
    sectionText(copy(ben), 'appreciations', ben.id).insert(0, 'Ben’s thanks');
    expect(send(ada)).toBeNull();
    expect(send(ben)).toBeNull();
    expect(sectionText(relay, 'appreciations', ada.id).toString()).toBe('Ada’s thanks');
    expect(sectionText(relay, 'appreciations', ben.id).toString()).toBe('Ben’s thanks');
  });
});

describe('carrying the one thing forward', () => {
  it('carries this week’s thing and the unfinished carried ones, never the done ones', () => {
    const doc = new Y.Doc();
    seedCheckin(doc, {
      week: '2026-W48',
      startedAt: 1,
      members: { [ada.id]: ada.name },
      carried: [
        { id: '2026-W45', text: 'Call your mother' },
        { id: '2026-W46', text: 'Phones away at dinner' },
      ],
    });
    focusText(doc).insert(0, '  Walk on Sundays  ');
    setDone(doc, '2026-W45', ada.id, true);
    expect(carryForward(doc)).toEqual([
      { id: '2026-W46', text: 'Phones away at dinner' },
      { id: '2026-W48', text: 'Walk on Sundays' },
    ]);
    setDone(doc, '2026-W48', ada.id, true);
    expect(carryForward(doc)).toEqual([{ id: '2026-W46', text: 'Phones away at dinner' }]);
  });

  it('writes the carried items once, and adds a member who joins later', () => {
    const doc = new Y.Doc();
    seedCheckin(doc, { week: '2026-W48', startedAt: 1, members: { [ada.id]: ada.name }, carried: [{ id: '2026-W47', text: 'First' }] });
    seedCheckin(doc, { week: '2026-W48', startedAt: 2, members: { [ada.id]: ada.name, [ben.id]: ben.name }, carried: [] });
    expect(readCheckinMeta(doc)).toEqual({
      seeded: true,
      week: '2026-W48',
      startedAt: 1,
      members: { [ada.id]: 'Ada', [ben.id]: 'Ben' },
      carried: [{ id: '2026-W47', text: 'First' }],
    });
    // Nothing to write the third time.
    let updates = 0;
    doc.on('update', () => updates++);
    seedCheckin(doc, { week: '2026-W48', startedAt: 3, members: { [ada.id]: ada.name }, carried: [] });
    expect(updates).toBe(0);
  });
});

describe('a check-in’s week', () => {
  it('names one room per ISO week, and no room for anything else', () => {
    expect(checkinRoom('journal001', '2026-W48')).toBe('journal001/checkin-2026-W48');
    expect(DOCUMENTS.parse('journal001/checkin-2026-W48')).toEqual({ journalId: 'journal001', kind: checkinDocument, id: '2026-W48' });
    for (const name of ['journal001/checkin-2026-W54', 'journal001/checkin-2026-W00', 'journal001/checkin-2026-48', 'journal001/checkin-abcdefgh', 'journal001/checkin']) {
      expect(DOCUMENTS.parse(name), name).toBeNull();
    }
    // 2026 has 53 weeks; 2025 has 52.
    expect(DOCUMENTS.parse('journal001/checkin-2026-W53')).not.toBeNull();
    expect(DOCUMENTS.parse('journal001/checkin-2025-W53')).toBeNull();
  });

  it('is the week of the couple’s calendar date, in their zone', () => {
    // Sunday 23:30 in Berlin is already Monday of the next week there, still Sunday in New York.
    const sundayNight = at('2026-11-29T23:30:00Z');
    expect(checkinWeek(sundayNight, 'UTC')).toBe('2026-W48');
    expect(checkinWeek(sundayNight, 'Europe/Berlin')).toBe('2026-W49');
    expect(checkinWeek(sundayNight, 'America/New_York')).toBe('2026-W48');
  });

  it('keeps a week whole across a daylight-saving change', () => {
    // Berlin falls back on Sunday 2026-10-25 (a 25-hour day): the week is 2026-W43 from Monday 00:00 to Sunday 24:00 local.
    expect(weekStart('2026-W43')).toBe('2026-10-19');
    expect(checkinWeek(at('2026-10-18T22:00:00Z'), 'Europe/Berlin')).toBe('2026-W43'); // Monday 00:00 CEST
    expect(checkinWeek(at('2026-10-18T21:59:59Z'), 'Europe/Berlin')).toBe('2026-W42');
    expect(checkinWeek(at('2026-10-25T22:59:59Z'), 'Europe/Berlin')).toBe('2026-W43'); // Sunday 23:59:59 CET
    expect(checkinWeek(at('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-W44');
    // And spring forward in New York (Sunday 2026-03-08, 23 hours): Sunday night still belongs to its week.
    expect(checkinWeek(at('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-W10');
    expect(checkinWeek(at('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-W11');
  });

  it('crosses the year end the ISO way', () => {
    // 2026-12-31 is a Thursday: its week is the year's 53rd, and runs into 2027.
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    // 2024-12-30 (a Monday) already belongs to 2025's first week.
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    // The first Sunday of 2027 at noon UTC is already Monday, and the new year's first week, in Auckland.
    expect(checkinWeek(at('2027-01-03T12:00:00Z'), 'Pacific/Auckland')).toBe('2027-W01');
    expect(checkinWeek(at('2027-01-03T12:00:00Z'), 'UTC')).toBe('2026-W53');
  });
});
