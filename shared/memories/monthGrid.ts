import { addDays, isLocalDay, weekday, type LocalDay } from '../rituals/calendar.js';
import { daysInMonth } from './onThisDay.js';

/**
 * A calendar month as the grid a person reads: whole weeks, each starting on
 * the couple's first day of the week. Dates only, never instants, so the grid
 * is the same in every zone and across daylight-saving changes.
 */

/** A calendar month, `YYYY-MM`. */
export type Month = string;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/** The month a day is in. */
export function monthOf(day: LocalDay): Month {
  return day.slice(0, 7);
}

export function firstDayOf(month: Month): LocalDay {
  return `${month}-01`;
}

export function lastDayOf(month: Month): LocalDay {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
}

/** The month `count` months after (or before, when negative) `month`. */
export function addMonths(month: Month, count: number): Month {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * `day` moved by `count` months, kept inside the target month (31 January
 * plus one month is the last day of February): what PageDown does in the grid.
 */
export function addMonthsToDay(day: LocalDay, count: number): LocalDay {
  const target = addMonths(monthOf(day), count);
  const last = lastDayOf(target);
  const moved = `${target}-${day.slice(8, 10)}`;
  return isLocalDay(moved) ? moved : last;
}

/**
 * The weeks of `month`, each seven days from `weekStartsOn` (1 = Monday …
 * 7 = Sunday); days outside the month are null, so a grid shows only its own
 * month's days while its columns stay aligned.
 */
export function monthGrid(month: Month, weekStartsOn = 1): (LocalDay | null)[][] {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 1 || weekStartsOn > 7) throw new RangeError(`not a weekday: ${weekStartsOn}`);
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  // Back from the 1st to the week's first day.
  let day = addDays(first, -((weekday(first) - weekStartsOn + 7) % 7));
  const weeks: (LocalDay | null)[][] = [];
  while (day <= last) {
    const week: (LocalDay | null)[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day >= first && day <= last ? day : null);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The weekdays (1 = Monday … 7 = Sunday) in the grid's column order. */
export function weekdayColumns(weekStartsOn = 1): number[] {
  return Array.from({ length: 7 }, (_, i) => ((weekStartsOn - 1 + i) % 7) + 1);
}
