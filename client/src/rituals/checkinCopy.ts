import type { CheckinSection } from '#shared/documents/checkin.js';
import { weekStart } from '#shared/rituals/calendar.js';

/** What each section of the check-in asks, in our own words: prompts, never homework. */
export const SECTION_COPY: Record<CheckinSection, { title: string; hint: string }> = {
  appreciations: { title: 'Appreciations', hint: 'Something the other did this week that you were glad of, big or small.' },
  wentWell: { title: 'What went well', hint: 'Moments between you that felt good.' },
  wasHard: { title: 'What was hard', hint: 'What weighed on you, or between you. Said kindly, heard kindly.' },
  needNext: { title: 'What I need next week', hint: 'One or two things that would help you.' },
};

export const FOCUS_COPY = {
  title: 'One thing we will work on',
  hint: 'Together, and small enough to really do. It stays with you into next week’s check-in until you mark it done.',
};

/** 1 = Monday ... 7 = Sunday, in the reader's language. */
export function weekdayName(day: number): string {
  // 2024-01-01 was a Monday.
  return new Date(2024, 0, day).toLocaleDateString(undefined, { weekday: 'long' });
}

/** "Week of 23 November" for an ISO week. */
export function weekLabel(week: string): string {
  const [y, m, d] = weekStart(week).split('-').map(Number);
  return `Week of ${new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}`;
}
