import { addDays, daysBetween, type LocalDay } from './calendar.js';
import { seededRandom, seedFrom } from './seededRandom.js';

/**
 * Which question a couple gets on which day. The server writes the schedule
 * ahead into the journal's rituals document, so every device, offline too,
 * shows the same question; a device offline past the end of its copy calls
 * the same function to fill the gap itself.
 */

export interface ScheduledQuestion {
  id: string;
  depth: number;
}

/** How far ahead the server keeps the schedule written. */
export const SCHEDULE_AHEAD_DAYS = 28;
/** No question comes back within this many days. */
export const NO_REPEAT_DAYS = 365;

/**
 * The deepest questions a couple is offered, by the number of days both of
 * them have answered: closeness grows with the answering, not the calendar,
 * so a couple who skips weeks is not rushed.
 */
export function depthReached(daysBothAnswered: number): number {
  if (daysBothAnswered < 14) return 1;
  if (daysBothAnswered < 40) return 2;
  return 3;
}

/**
 * Adds a question for every day from `from` through `through` that has none
 * yet, and returns only the days it added. `schedule` maps days to question
 * ids (the history, for the no-repeat rule, and days already fixed, which
 * never change). The pick for a day is seeded by the journal and the day.
 */
export function extendSchedule(options: {
  journalId: string;
  schedule: ReadonlyMap<LocalDay, string>;
  from: LocalDay;
  through: LocalDay;
  daysBothAnswered: number;
  library: readonly ScheduledQuestion[];
}): Map<LocalDay, string> {
  const { journalId, schedule, from, through, library } = options;
  const added = new Map<LocalDay, string>();
  const maxDepth = depthReached(options.daysBothAnswered);
  const lastAsked = new Map<string, LocalDay>();
  for (const [day, id] of schedule) {
    const previous = lastAsked.get(id);
    if (!previous || daysBetween(previous, day) > 0) lastAsked.set(id, day);
  }
  for (let day = from; daysBetween(day, through) >= 0; day = addDays(day, 1)) {
    if (schedule.has(day)) continue;
    const id = pickFor(day);
    added.set(day, id);
    lastAsked.set(id, day);
  }
  return added;

  function pickFor(day: LocalDay): string {
    const fresh = (q: ScheduledQuestion) => {
      const asked = lastAsked.get(q.id);
      return asked === undefined || Math.abs(daysBetween(asked, day)) >= NO_REPEAT_DAYS;
    };
    let candidates = library.filter((q) => q.depth <= maxDepth && fresh(q));
    // A small library or a couple far along: any depth rather than a repeat.
    if (candidates.length === 0) candidates = library.filter(fresh);
    // Only if the whole library was asked within the year: the one asked longest ago.
    if (candidates.length === 0) {
      const oldest = [...library].sort((a, b) => (lastAsked.get(a.id) ?? '').localeCompare(lastAsked.get(b.id) ?? ''))[0];
      return oldest.id;
    }
    // The newest depth reached is offered twice as often as the lighter ones.
    const weights = candidates.map((q) => (q.depth === maxDepth ? 2 : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let point = seededRandom(seedFrom(`${journalId}/${day}`))() * total;
    for (let i = 0; i < candidates.length; i++) {
      point -= weights[i];
      if (point < 0) return candidates[i].id;
    }
    return candidates[candidates.length - 1].id;
  }
}
