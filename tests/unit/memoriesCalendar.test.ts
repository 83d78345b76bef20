import { describe, expect, it } from 'vitest';
import { addDays, localDay } from '#shared/rituals/calendar.js';
import { addMonths, addMonthsToDay, isMonth, lastDayOf, monthGrid, weekdayColumns } from '#shared/memories/monthGrid.js';
import { daysInMonth, groupByRecall, recallOn } from '#shared/memories/onThisDay.js';

/** Every day from `from` to `to`, both included. */
function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

describe('On This Day', () => {
  it('brings back the same date one, two and more years ago', () => {
    expect(recallOn('2025-06-14', '2026-06-14')).toEqual({ kind: 'years', years: 1 });
    expect(recallOn('2024-06-14', '2026-06-14')).toEqual({ kind: 'years', years: 2 });
    expect(recallOn('2016-06-14', '2026-06-14')).toEqual({ kind: 'years', years: 10 });
    expect(recallOn('2025-06-13', '2026-06-14')).toBeNull();
    expect(recallOn('2025-07-14', '2026-06-14')).toBeNull();
  });

  it('brings back the same date a month ago, across the turn of the year', () => {
    expect(recallOn('2026-05-14', '2026-06-14')).toEqual({ kind: 'month' });
    expect(recallOn('2025-12-14', '2026-01-14')).toEqual({ kind: 'month' });
    expect(recallOn('2026-04-14', '2026-06-14')).toBeNull();
    // The same date in the previous month of an earlier year is neither.
    expect(recallOn('2025-05-14', '2026-06-14')).toBeNull();
  });

  it('never brings back today or a day still to come', () => {
    expect(recallOn('2026-06-14', '2026-06-14')).toBeNull();
    expect(recallOn('2027-06-14', '2026-06-14')).toBeNull();
    expect(recallOn('not a day', '2026-06-14')).toBeNull();
  });

  it('brings 29 February back on 29 February in leap years and on 28 February in the others', () => {
    expect(recallOn('2024-02-29', '2028-02-29')).toEqual({ kind: 'years', years: 4 });
    // 2028 has its own 29th: on the 28th only the 28ths come back.
    expect(recallOn('2024-02-29', '2028-02-28')).toBeNull();
    expect(recallOn('2024-02-28', '2028-02-28')).toEqual({ kind: 'years', years: 4 });
    // 2027 has none: the 29th comes back with the 28th.
    expect(recallOn('2024-02-29', '2027-02-28')).toEqual({ kind: 'years', years: 3 });
    expect(recallOn('2024-02-28', '2027-02-28')).toEqual({ kind: 'years', years: 3 });
    // On a leap day, a common year's 28th was already shown the day before.
    expect(recallOn('2027-02-28', '2028-02-29')).toBeNull();
    expect(recallOn('2024-02-29', '2028-03-01')).toBeNull();
  });

  it('brings back the days a shorter month lacks on its last day, a month later', () => {
    expect(recallOn('2026-03-30', '2026-04-30')).toEqual({ kind: 'month' });
    expect(recallOn('2026-03-31', '2026-04-30')).toEqual({ kind: 'month' });
    expect(recallOn('2026-01-29', '2026-02-28')).toEqual({ kind: 'month' });
    expect(recallOn('2026-01-31', '2026-02-28')).toEqual({ kind: 'month' });
    expect(recallOn('2028-01-30', '2028-02-29')).toEqual({ kind: 'month' });
    expect(recallOn('2028-01-31', '2028-02-29')).toEqual({ kind: 'month' });
    // A leap February has its own 29th: the 29th of January waits for it.
    expect(recallOn('2028-01-29', '2028-02-28')).toBeNull();
    expect(recallOn('2028-01-29', '2028-02-29')).toEqual({ kind: 'month' });
    // After a short month, nothing is left to bring back on the 29th to 31st.
    expect(recallOn('2026-02-28', '2026-03-31')).toBeNull();
    expect(recallOn('2026-02-28', '2026-03-28')).toEqual({ kind: 'month' });
  });

  it('brings every day of a year back exactly once a year later, and once a month later', () => {
    for (const [from, to] of [
      ['2023-01-01', '2023-12-31'],
      ['2024-01-01', '2024-12-31'],
    ]) {
      const earlier = daysFrom(from, to);
      const later = daysFrom(addDays(from, 27), `${Number(to.slice(0, 4)) + 1}-12-31`);
      for (const day of earlier) {
        const recalls = later.map((today) => recallOn(day, today));
        expect(recalls.filter((r) => r?.kind === 'years' && r.years === 1), day).toHaveLength(1);
        expect(recalls.filter((r) => r?.kind === 'month'), day).toHaveLength(1);
      }
    }
  });

  it('works on the couple\'s date, so a zone\'s daylight-saving night moves nothing', () => {
    // 2026-03-29 in Berlin has 23 hours; the couple's date, not the instant, decides.
    const today = localDay(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Berlin');
    expect(today).toBe('2026-03-30');
    expect(recallOn('2025-03-30', today)).toEqual({ kind: 'years', years: 1 });
    expect(recallOn('2026-02-28', localDay(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Berlin'))).toBeNull();
  });

  it('groups what comes back by how long ago, a year first and a month last', () => {
    const items = [
      { id: 'a', date: '2026-05-14' },
      { id: 'b', date: '2024-06-14' },
      { id: 'c', date: '2025-06-14' },
      { id: 'd', date: '2025-06-15' },
      { id: 'e', date: '2025-06-14' },
    ];
    const groups = groupByRecall(items, (i) => i.date, '2026-06-14');
    expect(groups.map((g) => [g.recall, g.items.map((i) => i.id)])).toEqual([
      [{ kind: 'years', years: 1 }, ['c', 'e']],
      [{ kind: 'years', years: 2 }, ['b']],
      [{ kind: 'month' }, ['a']],
    ]);
    expect(groupByRecall(items, (i) => i.date, '2026-08-01')).toEqual([]);
  });
});

describe('the month grid', () => {
  it('knows the length of every month, leap years included', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
  });

  it('lays a month out in weeks starting on Monday, with blanks outside the month', () => {
    // March 2026 starts on a Sunday and ends on a Tuesday.
    const weeks = monthGrid('2026-03');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-03-01']);
    expect(weeks[1][0]).toBe('2026-03-02');
    expect(weeks[5]).toEqual(['2026-03-30', '2026-03-31', null, null, null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it('starts weeks on the couple\'s chosen day', () => {
    const weeks = monthGrid('2026-03', 7);
    expect(weekdayColumns(7)).toEqual([7, 1, 2, 3, 4, 5, 6]);
    expect(weeks[0]).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']);
    expect(weeks).toHaveLength(5);
    // February 2027 fits four whole weeks when they start on Monday.
    expect(monthGrid('2027-02', 1)).toHaveLength(4);
    expect(monthGrid('2027-02', 1)[0][0]).toBe('2027-02-01');
  });

  it('gives the same grid across a daylight-saving change (dates, never instants)', () => {
    const october = monthGrid('2026-10').flat().filter(Boolean);
    expect(october).toEqual(daysFrom('2026-10-01', '2026-10-31'));
  });

  it('steps between months, and keeps a moved day inside its month', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(addMonthsToDay('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDay('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonthsToDay('2026-05-14', -1)).toBe('2026-04-14');
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026-07')).toBe(true);
    expect(() => monthGrid('2026-3')).toThrow(RangeError);
  });
});
