import { isLocalDay, type LocalDay } from '../rituals/calendar.js';

/**
 * "On This Day": which earlier days come back today. Pure date arithmetic on
 * calendar dates (`YYYY-MM-DD` in the couple's zone), so time zones and
 * daylight-saving changes never move a memory to another day.
 *
 * A day comes back once a year on its own date, and once a month later. Days
 * the later calendar does not have (29 February in a common year, the 31st
 * after a 30-day month) come back on the last day of that month instead, so
 * every day comes back, and only once:
 *
 * - on 28 February 2027, 29 February 2024 comes back with 28 February 2024;
 * - on 30 April, both 30 and 31 March come back "a month ago";
 * - on 31 March, nothing comes back from February (it was all shown by the 28th or 29th).
 */

/** How long ago a day was, as On This Day tells it. */
export type Recall = { kind: 'years'; years: number } | { kind: 'month' };

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function parts(day: LocalDay): DateParts {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

/** Days in a month (1 = January) of a year, by the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether a day of some month of an earlier year (or the previous month) comes
 * back on `today`'s day of the month: the same number, or, on the last day of
 * today's month, any later number that today's month does not have.
 */
function sameDayOfMonth(earlier: DateParts, today: DateParts): boolean {
  if (earlier.day === today.day) return true;
  return today.day === daysInMonth(today.year, today.month) && earlier.day > today.day;
}

/**
 * When `day` comes back on `today`: `years` ago on the same date, or a month
 * ago; null when it does not come back today (or is today, or later).
 */
export function recallOn(day: LocalDay, today: LocalDay): Recall | null {
  if (!isLocalDay(day) || !isLocalDay(today) || day >= today) return null;
  const d = parts(day);
  const t = parts(today);
  if (d.month === t.month && d.year < t.year) return sameDayOfMonth(d, t) ? { kind: 'years', years: t.year - d.year } : null;
  const previousMonth = t.month === 1 ? { year: t.year - 1, month: 12 } : { year: t.year, month: t.month - 1 };
  if (d.year === previousMonth.year && d.month === previousMonth.month && sameDayOfMonth(d, t)) return { kind: 'month' };
  return null;
}

/** A stable order for recalls: one year ago first, then two, …, and a month ago last. */
export function recallOrder(recall: Recall): number {
  return recall.kind === 'years' ? recall.years : Number.MAX_SAFE_INTEGER;
}

/**
 * Groups what comes back today by how long ago it was, in `recallOrder`;
 * items keep their order within a group. Items that do not come back are left out.
 */
export function groupByRecall<T>(items: readonly T[], dayOf: (item: T) => LocalDay, today: LocalDay): { recall: Recall; items: T[] }[] {
  const groups = new Map<number, { recall: Recall; items: T[] }>();
  for (const item of items) {
    const recall = recallOn(dayOf(item), today);
    if (!recall) continue;
    const key = recallOrder(recall);
    const group = groups.get(key) ?? { recall, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}
