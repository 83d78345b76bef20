import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '#shared/rituals/calendar.js';
import { depthReached, extendSchedule, NO_REPEAT_DAYS, type ScheduledQuestion } from '#shared/rituals/questionSchedule.js';

function library(perDepth: [number, number, number]): ScheduledQuestion[] {
  return perDepth.flatMap((count, i) => Array.from({ length: count }, (_, n) => ({ id: `q${i + 1}-${n}`, depth: i + 1 })));
}

/** Fills a schedule a day at a time, as the server does, with the couple answering every day. */
function simulate(days: number, questions: readonly ScheduledQuestion[], answerEveryDay = true) {
  const schedule = new Map<string, string>();
  const start = '2026-01-05';
  for (let i = 0; i < days; i++) {
    const today = addDays(start, i);
    const added = extendSchedule({
      journalId: 'journal-one',
      schedule,
      from: today,
      through: addDays(today, 28),
      daysBothAnswered: answerEveryDay ? i : 0,
      library: questions,
    });
    for (const [day, id] of added) schedule.set(day, id);
  }
  return schedule;
}

describe('the question schedule', () => {
  it('gives the same question for the same journal and day, whoever computes it', () => {
    const questions = library([50, 50, 50]);
    const input = { journalId: 'journal-one', schedule: new Map(), from: '2026-11-29', through: '2026-12-26', daysBothAnswered: 3, library: questions };
    expect([...extendSchedule(input)]).toEqual([...extendSchedule({ ...input, library: [...questions] })]);
    const other = extendSchedule({ ...input, journalId: 'journal-two' });
    expect([...other.values()]).not.toEqual([...extendSchedule(input).values()]);
  });

  it('never changes a day already scheduled, and only fills the gaps', () => {
    const questions = library([60, 0, 0]);
    const schedule = new Map([['2026-11-30', 'q1-7']]);
    const added = extendSchedule({ journalId: 'j-12345678', schedule, from: '2026-11-29', through: '2026-12-01', daysBothAnswered: 0, library: questions });
    expect([...added.keys()]).toEqual(['2026-11-29', '2026-12-01']);
    expect([...added.values()]).not.toContain('q1-7');
  });

  it('asks no question twice within a year, over three years of daily answers', () => {
    const schedule = simulate(3 * 365, library([160, 140, 100]));
    const seen = new Map<string, string>();
    for (const [day, id] of [...schedule].sort(([a], [b]) => a.localeCompare(b))) {
      const previous = seen.get(id);
      if (previous) expect(daysBetween(previous, day), `${id} on ${previous} and ${day}`).toBeGreaterThanOrEqual(NO_REPEAT_DAYS);
      seen.set(id, day);
    }
  });

  it('starts light and goes deeper only as the couple keeps answering', () => {
    const questions = library([160, 140, 100]);
    const depthOf = new Map(questions.map((q) => [q.id, q.depth]));
    const schedule = simulate(120, questions);
    const days = [...schedule.keys()].sort();
    const firstWeeks = days.slice(0, 14).map((d) => depthOf.get(schedule.get(d)!));
    expect(new Set(firstWeeks)).toEqual(new Set([1]));
    const later = days.slice(100, 120).map((d) => depthOf.get(schedule.get(d)!)!);
    expect(Math.max(...later)).toBe(3);
    // A couple that never answers together keeps getting light questions.
    const quiet = simulate(120, questions, false);
    expect(new Set([...quiet.values()].map((id) => depthOf.get(id)))).toEqual(new Set([1]));
    expect(depthReached(0)).toBe(1);
    expect(depthReached(14)).toBe(2);
    expect(depthReached(40)).toBe(3);
  });

  it('repeats the question asked longest ago only when a tiny library runs out', () => {
    const schedule = simulate(10, library([3, 0, 0]));
    const days = [...schedule.keys()].sort();
    const ids = days.map((d) => schedule.get(d));
    expect(new Set(ids.slice(0, 3)).size).toBe(3);
    expect(ids[3]).toBe(ids[0]);
  });
});

describe("the schedule with Duet's own library", () => {
  it('keeps every question to once a year and reaches every depth', async () => {
    const { QUESTIONS } = await import('#shared/rituals/questionLibrary.js');
    const schedule = simulate(2 * 365, QUESTIONS);
    const days = [...schedule.keys()].sort();
    const seen = new Map<string, string>();
    for (const day of days) {
      const id = schedule.get(day)!;
      const previous = seen.get(id);
      if (previous) expect(daysBetween(previous, day), `${id} on ${previous} and ${day}`).toBeGreaterThanOrEqual(NO_REPEAT_DAYS);
      seen.set(id, day);
    }
    const depths = new Set(days.map((d) => QUESTIONS.find((q) => q.id === schedule.get(d))!.depth));
    expect(depths).toEqual(new Set([1, 2, 3]));
  });
});
