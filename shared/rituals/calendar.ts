/**
 * A couple's days and weeks. "Today" is the calendar date in the journal's
 * IANA time zone, so both partners and every device agree on it, also
 * offline and also when one of them is travelling. Everything after the
 * first step works on local dates ("2026-11-29"), never on "now minus 24
 * hours", so daylight-saving changes cannot move a day or a week.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDay = string;
/** An ISO week, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
export type IsoWeek = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA zone ("Europe/Berlin"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The couple's calendar date at `instant` (milliseconds since the epoch). */
export function localDay(instant: number, timeZone: string): LocalDay {
  const clock = wallClockAt(instant, timeZone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDay(value: unknown): value is LocalDay {
  if (typeof value !== 'string') return false;
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 for a calendar date (pure date arithmetic; no zone involved). */
function dayNumber(day: LocalDay): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a date: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

function fromDayNumber(n: number): LocalDay {
  const date = new Date(n * MS_PER_DAY);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function addDays(day: LocalDay, days: number): LocalDay {
  return fromDayNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return dayNumber(to) - dayNumber(from);
}

/** 1 = Monday ... 7 = Sunday. */
export function weekday(day: LocalDay): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The ISO week a calendar date belongs to. */
export function isoWeek(day: LocalDay): IsoWeek {
  // The week's Thursday decides its year.
  const thursday = dayNumber(day) - weekday(day) + 4;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const week = Math.floor((thursday - firstOfYear) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The Monday that starts an ISO week. */
export function weekStart(week: IsoWeek): LocalDay {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  // January 4th is always in week 1.
  const jan4 = Date.UTC(year, 0, 4) / MS_PER_DAY;
  const jan4Weekday = weekday(fromDayNumber(jan4));
  return fromDayNumber(jan4 - (jan4Weekday - 1) + (Number(match[2]) - 1) * 7);
}

export function isIsoWeek(value: unknown): value is IsoWeek {
  if (typeof value !== 'string' || !/^\d{4}-W\d{2}$/.test(value)) return false;
  return isoWeek(weekStart(value)) === value;
}

/**
 * The instant a wall-clock time happens on a calendar date in a zone
 * ("tomorrow 08:00 in Europe/Berlin"). A time skipped by a spring-forward
 * change resolves to the same clock reading after the change (02:30 becomes
 * 03:30); a time that happens twice in autumn resolves to the first.
 */
export function instantAt(day: LocalDay, time: string, timeZone: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`not a time: ${time}`);
  const target = dayNumber(day) * MS_PER_DAY + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  const offsetAt = (instant: number) => {
    const c = wallClockAt(instant, timeZone);
    return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - instant;
  };
  // Two candidates: the offset before and after any change near the target.
  const early = target - offsetAt(target - MS_PER_DAY);
  const late = target - offsetAt(target + MS_PER_DAY);
  const exact = [early, late].filter((t) => t + offsetAt(t) === target).sort((a, b) => a - b);
  if (exact.length > 0) return exact[0];
  // The clock skipped this time: the same reading after the change, shifted by the gap.
  return Math.max(early, late);
}
