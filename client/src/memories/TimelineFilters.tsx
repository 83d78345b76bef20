import type { AuthorFilter, MomentKind, TimelineView } from '#shared/memories/timelineFilter.js';
import type { TimelineState } from './useTimeline';

const KIND_LABELS: Record<MomentKind, string> = {
  entry: 'Entries',
  memory: 'Memories',
  answer: 'Answers',
  checkin: 'Check-ins',
  note: 'Notes',
};

/**
 * The timeline's filters (what, and by whom) and its two views, each choice
 * with how many it would show. Choices that would show nothing stay out of
 * the way until there is something (or while they are chosen).
 */
export function TimelineFilters({ timeline, partnerName }: { timeline: TimelineState; partnerName: string | null }) {
  const { query, counts, change } = timeline;
  const kinds = (Object.keys(KIND_LABELS) as MomentKind[]).filter((kind) => counts.kinds[kind] > 0 || query.kind === kind);
  const authorChoices: { by: AuthorFilter; label: string }[] = [
    { by: 'me', label: 'Me' },
    ...(partnerName ? [{ by: 'partner' as const, label: partnerName }, { by: 'both' as const, label: 'Both of us' }] : []),
  ];
  const authors = authorChoices.filter(({ by }) => counts.authors[by] > 0 || query.by === by);
  const views: { view: TimelineView; label: string }[] = [
    { view: 'list', label: 'List' },
    { view: 'calendar', label: 'Calendar' },
  ];

  return (
    <div className="timeline-filters">
      <div className="chip-row" role="group" aria-label="Show">
        <Chip pressed={query.kind === null} count={counts.kinds.all} onClick={() => change({ kind: null })}>
          Everything
        </Chip>
        {kinds.map((kind) => (
          <Chip key={kind} pressed={query.kind === kind} count={counts.kinds[kind]} onClick={() => change({ kind })}>
            {KIND_LABELS[kind]}
          </Chip>
        ))}
      </div>
      <div className="chip-row" role="group" aria-label="Written by">
        <Chip pressed={query.by === null} count={counts.authors.all} onClick={() => change({ by: null })}>
          Anyone
        </Chip>
        {authors.map(({ by, label }) => (
          <Chip key={by} pressed={query.by === by} count={counts.authors[by]} onClick={() => change({ by })}>
            {label}
          </Chip>
        ))}
      </div>
      <div className="view-switch" role="group" aria-label="View">
        {views.map(({ view, label }) => (
          <button key={view} type="button" className="view-switch__button" aria-pressed={query.view === view} onClick={() => change({ view })}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}

function Chip({ pressed, count, onClick, children }: { pressed: boolean; count: number; onClick: () => void; children: string }) {
  return (
    <button type="button" className="chip" aria-pressed={pressed} onClick={onClick}>
      {children} <span className="chip__count">{count}</span>
    </button>
  );
}
