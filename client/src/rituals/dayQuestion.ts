import type * as Y from 'yjs';
import { readRhythm, readSchedule } from '#shared/documents/rituals.js';
import { addDays, localDay, type LocalDay } from '#shared/rituals/calendar.js';
import { type Question, QUESTIONS, questionById } from '#shared/rituals/questionLibrary.js';
import { extendSchedule } from '#shared/rituals/questionSchedule.js';

/** The zone this device is in, for a journal whose couple has not set one yet. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The couple's today, from their zone in the rituals document (this device's zone until one is set). */
export function coupleToday(rituals: Y.Doc, now: number): LocalDay {
  return localDay(now, readRhythm(rituals).timeZone ?? deviceTimeZone());
}

/**
 * The question for `day`: the one the server wrote into the schedule, so both
 * partners see the same one, offline too. A device offline past the end of
 * its copy of the schedule picks one the same way the server would.
 */
export function questionFor(rituals: Y.Doc, journalId: string, day: LocalDay, daysBothAnswered: number): Question {
  const schedule = readSchedule(rituals);
  const scheduled = schedule.get(day);
  const known = scheduled ? questionById(scheduled) : undefined;
  if (known) return known;
  const last = [...schedule.keys()].sort().pop();
  const from = last && last < day ? addDays(last, 1) : day;
  const filled = extendSchedule({ journalId, schedule, from, through: day, daysBothAnswered, library: QUESTIONS });
  return questionById(filled.get(day) ?? '') ?? QUESTIONS[0];
}
