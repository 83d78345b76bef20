import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  instantAt,
  isIsoWeek,
  isLocalDay,
  isoWeek,
  isValidTimeZone,
  localDay,
  weekday,
  weekStart,
} from '#shared/rituals/calendar.js';

const at = (iso: string) => Date.parse(iso);

describe("a couple's day", () => {
  it('is the calendar date in the journal time zone, not the device or UTC', () => {
    const instant = at('2026-11-29T23:30:00Z');
    expect(localDay(instant, 'UTC')).toBe('2026-11-29');
    expect(localDay(instant, 'Europe/Berlin')).toBe('2026-11-30');
    expect(localDay(instant, 'America/Los_Angeles')).toBe('2026-11-29');
    expect(localDay(instant, 'Asia/Kolkata')).toBe('2026-11-30');
    // A 45-minute offset and the far side of the date line.
    expect(localDay(at('2026-11-29T10:00:00Z'), 'Pacific/Chatham')).toBe('2026-11-29');
    expect(localDay(at('2026-11-29T11:00:00Z'), 'Pacific/Chatham')).toBe('2026-11-30');
  });

  it('turns at local midnight on the days clocks change', () => {
    // Berlin springs forward on 2026-03-29 (the day has 23 hours) and falls back on 2026-10-25 (25 hours).
    expect(localDay(at('2026-03-28T22:59:59Z'), 'Europe/Berlin')).toBe('2026-03-28');
    expect(localDay(at('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDay(at('2026-03-29T21:59:59Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDay(at('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
    expect(localDay(at('2026-10-24T21:59:59Z'), 'Europe/Berlin')).toBe('2026-10-24');
    expect(localDay(at('2026-10-24T22:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(localDay(at('2026-10-25T22:59:59Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(localDay(at('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
    // New York: 2026-03-08 and 2026-11-01.
    expect(localDay(at('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDay(at('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(localDay(at('2026-11-02T04:59:59Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDay(at('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
  });

  it('counts days by date, so a 23- or 25-hour day is still one day', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2027-01-01', '2026-01-01')).toBe(-365);
  });

  it('accepts only real dates and known zones', () => {
    expect(isLocalDay('2026-02-28')).toBe(true);
    expect(isLocalDay('2026-02-29')).toBe(false);
    expect(isLocalDay('2028-02-29')).toBe(true);
    expect(isLocalDay('2026-13-01')).toBe(false);
    expect(isLocalDay('26-01-01')).toBe(false);
    expect(isLocalDay(20260101)).toBe(false);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe("a couple's week", () => {
  it('is the ISO week: Monday first, week 1 holds the first Thursday', () => {
    expect(weekday('2026-11-30')).toBe(1);
    expect(weekday('2026-11-29')).toBe(7);
    expect(isoWeek('2026-11-29')).toBe('2026-W48');
    expect(isoWeek('2026-11-30')).toBe('2026-W49');
    // 2026 has 53 weeks; its last week runs into 2027.
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    // And 2024-12-30 already belongs to 2025's first week.
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(weekStart('2026-W53')).toBe('2026-12-28');
    expect(weekStart('2025-W01')).toBe('2024-12-30');
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2027-W53')).toBe(false);
  });

  it('is the same for both partners in the same instant, wherever their devices are', () => {
    // Sunday 23:30 in Berlin is already Monday in the couple's zone if that zone is Auckland.
    const instant = at('2026-11-29T22:30:00Z');
    expect(isoWeek(localDay(instant, 'Europe/Berlin'))).toBe('2026-W48');
    expect(isoWeek(localDay(instant, 'Pacific/Auckland'))).toBe('2026-W49');
  });

  it('keeps its days across a clock change', () => {
    // The week of Berlin's autumn change: Monday 2026-10-19 through Sunday 2026-10-25.
    for (let d = 0; d < 7; d++) expect(isoWeek(addDays('2026-10-19', d))).toBe('2026-W43');
    expect(isoWeek('2026-10-26')).toBe('2026-W44');
  });
});

describe('a wall-clock time on a day', () => {
  it('is the instant that reads that time in the zone', () => {
    expect(new Date(instantAt('2026-11-30', '08:00', 'Europe/Berlin')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(new Date(instantAt('2026-07-01', '08:00', 'Europe/Berlin')).toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(new Date(instantAt('2026-11-30', '08:00', 'Asia/Kolkata')).toISOString()).toBe('2026-11-30T02:30:00.000Z');
  });

  it('moves a time the clocks skip to after the change, and takes the first of a time that happens twice', () => {
    expect(new Date(instantAt('2026-03-29', '02:30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(instantAt('2026-10-25', '02:30', 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localDay(instantAt('2026-03-29', '00:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-29');
  });
});
