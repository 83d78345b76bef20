import { useId } from 'react';
import type * as Y from 'yjs';
import { readDayStatus } from '#shared/documents/rituals.js';
import { weekStart } from '#shared/rituals/calendar.js';
import { questionById } from '#shared/rituals/questionLibrary.js';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { formatDay } from '../ui/formatDate';

/** A ritual that belongs on the timeline: a day both answered, or a week's check-in. */
export type RitualMoment = { kind: 'day'; date: string } | { kind: 'checkin'; date: string; week: string };

/** The moments of the rituals document, newest first: revealed days and begun check-ins. */
export function ritualMoments(revealed: readonly { day: string }[], weeks: readonly string[]): RitualMoment[] {
  const moments: RitualMoment[] = [
    ...revealed.map(({ day }) => ({ kind: 'day' as const, date: day })),
    ...weeks.map((week) => ({ kind: 'checkin' as const, date: weekStart(week), week })),
  ];
  return moments.sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * A ritual's card among the entries: the day's question (both answered, so
 * nothing is sealed any more) or a week's check-in, linking to its page.
 */
export function RitualTimelineItem({ moment, journalId, rituals }: { moment: RitualMoment; journalId: string; rituals: Y.Doc }) {
  const titleId = useId();
  if (moment.kind === 'day') {
    const status = readDayStatus(rituals, moment.date);
    const questionIds = [...new Set(Object.values(status.questionOf))];
    const text = questionIds.map((id) => questionById(id)?.text).filter(Boolean).join(' / ') || 'The question of the day';
    return (
      <li role="listitem" className="entry-card entry-card--ritual">
        <article aria-labelledby={titleId} className="entry-card__inner">
          <p className="entry-card__date">
            <time dateTime={moment.date}>{formatDay(moment.date)}</time> · Question of the day
          </p>
          <h3 id={titleId} className="entry-card__title">
            <Link to={paths.day(journalId, moment.date)} className="entry-card__link">
              {text}
            </Link>
          </h3>
          <p className="entry-card__preview">You both answered. Read each other’s words, and comment on them.</p>
        </article>
      </li>
    );
  }
  return (
    <li role="listitem" className="entry-card entry-card--ritual">
      <article aria-labelledby={titleId} className="entry-card__inner">
        <p className="entry-card__date">
          Week of <time dateTime={moment.date}>{formatDay(moment.date)}</time>
        </p>
        <h3 id={titleId} className="entry-card__title">
          <Link to={paths.checkin(journalId, moment.week)} className="entry-card__link">
            How are we doing?
          </Link>
        </h3>
        <p className="entry-card__preview">Your weekly check-in.</p>
      </article>
    </li>
  );
}
