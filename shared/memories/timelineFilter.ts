import { isLocalDay, type LocalDay } from '../rituals/calendar.js';
import { isMonth, type Month } from './monthGrid.js';

/**
 * The timeline's filters and views, and how they live in the address bar
 * (`?kind=answer&by=partner&view=calendar&month=2025-03&day=2025-03-14`), so
 * back and forward step through them and a reload keeps them.
 *
 * Kinds do not overlap, so their counts add up to the whole timeline:
 * - `entry`: an entry written in the journal;
 * - `memory`: an entry that holds photos, or that was made from a done item
 *   of the bucket list ("make it a memory");
 * - `answer`: a day you both answered the question;
 * - `checkin`: a week's check-in;
 * - `note`: a love note, once delivered.
 *
 * Authors overlap on purpose: `me` is everything I took part in, `partner`
 * everything they did, and `both` what we wrote together (an entry we both
 * wrote in, a day we both answered, a check-in).
 */
export const MOMENT_KINDS = ['entry', 'memory', 'answer', 'checkin', 'note'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

export const AUTHOR_FILTERS = ['me', 'partner', 'both'] as const;
export type AuthorFilter = (typeof AUTHOR_FILTERS)[number];

/** What the filters need to know of anything on the timeline. */
export interface Classified {
  kind: MomentKind;
  /** The day it belongs to, in the couple's calendar. */
  date: LocalDay;
  /** Ids of the members who wrote it. */
  authors: readonly string[];
}

export interface TimelineFilter {
  kind: MomentKind | null;
  by: AuthorFilter | null;
}

export type TimelineView = 'list' | 'calendar';

export interface TimelineQuery extends TimelineFilter {
  view: TimelineView;
  /** The calendar's month; null for the couple's current month. */
  month: Month | null;
  /** The day chosen in the calendar; null for none. */
  day: LocalDay | null;
}

export function matchesAuthor(authors: readonly string[], by: AuthorFilter | null, me: string): boolean {
  if (by === null) return true;
  const mine = authors.includes(me);
  const theirs = authors.some((id) => id !== me);
  if (by === 'me') return mine;
  if (by === 'partner') return theirs;
  return mine && theirs;
}

export function matchesFilter(item: Classified, filter: TimelineFilter, me: string): boolean {
  return (filter.kind === null || item.kind === filter.kind) && matchesAuthor(item.authors, filter.by, me);
}

export interface FilterCounts {
  /** How many of each kind the author filter leaves (`all`: every kind). */
  kinds: Record<MomentKind | 'all', number>;
  /** How many each author choice leaves among the chosen kind (`all`: anyone). */
  authors: Record<AuthorFilter | 'all', number>;
}

/**
 * The count beside each choice: what you would see if you picked it, keeping
 * the other filter as it is.
 */
export function filterCounts(items: readonly Classified[], filter: TimelineFilter, me: string): FilterCounts {
  const kinds = { all: 0, entry: 0, memory: 0, answer: 0, checkin: 0, note: 0 };
  const authors = { all: 0, me: 0, partner: 0, both: 0 };
  for (const item of items) {
    if (matchesAuthor(item.authors, filter.by, me)) {
      kinds.all++;
      kinds[item.kind]++;
    }
    if (filter.kind === null || item.kind === filter.kind) {
      authors.all++;
      for (const by of AUTHOR_FILTERS) if (matchesAuthor(item.authors, by, me)) authors[by]++;
    }
  }
  return { kinds, authors };
}

const isKind = (value: string | null): value is MomentKind => (MOMENT_KINDS as readonly (string | null)[]).includes(value);
const isAuthor = (value: string | null): value is AuthorFilter => (AUTHOR_FILTERS as readonly (string | null)[]).includes(value);

/** The timeline's state from the address's query; anything unknown reads as "not chosen". */
export function readTimelineQuery(search: string): TimelineQuery {
  const params = new URLSearchParams(search);
  const kind = params.get('kind');
  const by = params.get('by');
  const month = params.get('month');
  const day = params.get('day');
  return {
    kind: isKind(kind) ? kind : null,
    by: isAuthor(by) ? by : null,
    view: params.get('view') === 'calendar' ? 'calendar' : 'list',
    month: isMonth(month) ? month : null,
    day: isLocalDay(day) ? day : null,
  };
}

/** The query's parameters, leaving out what is not chosen; merge with any other parameters of the page. */
export function timelineParams(query: TimelineQuery): Record<string, string | null> {
  return {
    kind: query.kind,
    by: query.by,
    view: query.view === 'calendar' ? 'calendar' : null,
    month: query.view === 'calendar' ? query.month : null,
    day: query.view === 'calendar' ? query.day : null,
  };
}
