import { describe, expect, it } from 'vitest';
import { type Classified, filterCounts, matchesFilter, readTimelineQuery, timelineParams } from '#shared/memories/timelineFilter.js';

const ME = 'ada-0000001';
const PARTNER = 'ben-0000001';

const items: Classified[] = [
  { kind: 'entry', date: '2026-06-01', authors: [ME] },
  { kind: 'entry', date: '2026-06-02', authors: [ME, PARTNER] },
  { kind: 'entry', date: '2026-06-03', authors: [PARTNER] },
  { kind: 'memory', date: '2026-06-04', authors: [PARTNER] },
  { kind: 'answer', date: '2026-06-05', authors: [ME, PARTNER] },
  { kind: 'checkin', date: '2026-06-01', authors: [ME, PARTNER] },
  { kind: 'note', date: '2026-06-06', authors: [PARTNER] },
];

describe('the timeline filters', () => {
  it('filter by kind, and by who wrote: me, my partner, or both of us together', () => {
    const shown = (kind: Classified['kind'] | null, by: 'me' | 'partner' | 'both' | null) =>
      items.filter((i) => matchesFilter(i, { kind, by }, ME)).map((i) => items.indexOf(i));
    expect(shown(null, null)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(shown('entry', null)).toEqual([0, 1, 2]);
    expect(shown(null, 'me')).toEqual([0, 1, 4, 5]);
    expect(shown(null, 'partner')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(shown(null, 'both')).toEqual([1, 4, 5]);
    expect(shown('entry', 'partner')).toEqual([1, 2]);
    expect(shown('note', 'me')).toEqual([]);
  });

  it('count what each choice would show, keeping the other filter', () => {
    expect(filterCounts(items, { kind: null, by: null }, ME)).toEqual({
      kinds: { all: 7, entry: 3, memory: 1, answer: 1, checkin: 1, note: 1 },
      authors: { all: 7, me: 4, partner: 6, both: 3 },
    });
    expect(filterCounts(items, { kind: 'entry', by: 'me' }, ME)).toEqual({
      kinds: { all: 4, entry: 2, memory: 0, answer: 1, checkin: 1, note: 0 },
      authors: { all: 3, me: 2, partner: 2, both: 1 },
    });
  });

  it('live in the address, and ignore what they do not know', () => {
    expect(readTimelineQuery('?kind=answer&by=partner&view=calendar&month=2025-03&day=2025-03-14')).toEqual({
      kind: 'answer',
      by: 'partner',
      view: 'calendar',
      month: '2025-03',
      day: '2025-03-14',
    });
    expect(readTimelineQuery('?kind=photos&by=everyone&view=grid&month=2025-3&day=2025-02-30')).toEqual({
      kind: null,
      by: null,
      view: 'list',
      month: null,
      day: null,
    });
    expect(timelineParams({ kind: 'note', by: null, view: 'list', month: '2025-03', day: null })).toEqual({
      kind: 'note',
      by: null,
      view: null,
      month: null,
      day: null,
    });
  });
});
