import { formatDay } from '../ui/formatDate';
import { MonthCalendar } from './MonthCalendar';
import { TimelineFilters } from './TimelineFilters';
import type { TimelineState } from './useTimeline';

/**
 * Above the timeline's list: the filters, and in the calendar view the month
 * grid with a line saying what the chosen day holds (the list below shows it).
 */
export function TimelineControls({ timeline, userId, partner }: { timeline: TimelineState; userId: string; partner: { id: string; name: string } | null }) {
  const { query, change } = timeline;
  if (timeline.total === 0) return null;
  const filtering = query.kind !== null || query.by !== null;
  return (
    <>
      <TimelineFilters timeline={timeline} partnerName={partner?.name ?? null} />
      {query.view === 'calendar' && (
        <MonthCalendar
          month={timeline.month}
          today={timeline.today}
          selected={query.day}
          moments={timeline.filtered}
          userId={userId}
          partner={partner}
          showAllKinds={query.kind !== null}
          onMonth={(month, options) => change({ month }, options)}
          onSelect={(day) => change({ day, month: null })}
        />
      )}
      <p className="timeline-filters__status" role="status" data-testid="timeline-status">
        {statusLine(timeline, filtering)}
      </p>
      {filtering && timeline.shown.length === 0 && query.view === 'list' && (
        <button type="button" className="button button--quiet button--small" onClick={() => change({ kind: null, by: null })}>
          Show everything
        </button>
      )}
    </>
  );
}

function statusLine({ query, shown }: TimelineState, filtering: boolean): string {
  if (query.view === 'calendar') {
    if (!query.day) return 'Choose a day to read what you wrote.';
    if (shown.length === 0) return `Nothing written on ${formatDay(query.day)}${filtering ? ' that these filters show' : ''}.`;
    return `${formatDay(query.day)}: ${shown.length === 1 ? 'one thing' : `${shown.length} things`} written.`;
  }
  if (!filtering) return '';
  return shown.length === 0 ? 'Nothing here with these filters yet.' : '';
}
