import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { addMonths, addMonthsToDay, firstDayOf, monthGrid, monthOf, weekdayColumns, type Month } from '#shared/memories/monthGrid.js';
import { addDays, weekday, type LocalDay } from '#shared/rituals/calendar.js';
import { userColor } from '../collab/userColor';
import { formatDay } from '../ui/formatDate';
import type { TimelineMoment } from './timelineMoments';

/** Weeks start on Monday, like the couple's weekly check-ins (ISO weeks); the grid can start on any day. */
const WEEK_STARTS_ON = 1;

interface DayMark {
  me: boolean;
  partner: boolean;
}

/** Who wrote on each day: entries and answers (check-ins and notes only when the filter asks for them). */
function marksOf(moments: readonly TimelineMoment[], userId: string, showAllKinds: boolean): Map<LocalDay, DayMark> {
  const marks = new Map<LocalDay, DayMark>();
  for (const moment of moments) {
    if (!showAllKinds && (moment.kind === 'checkin' || moment.kind === 'note')) continue;
    const mark = marks.get(moment.date) ?? { me: false, partner: false };
    for (const id of moment.authors) {
      if (id === userId) mark.me = true;
      else mark.partner = true;
    }
    marks.set(moment.date, mark);
  }
  return marks;
}

/**
 * The two writers' colours, told apart: each member keeps their usual colour,
 * unless both happen to have the same one, when the partner's dot takes
 * another, so a dot still says who.
 */
function dotColors(userId: string, partnerId: string | null): { mine: string; theirs: string } {
  const mine = userColor(userId);
  const theirs = userColor(partnerId ?? `${userId}-partner`);
  if (theirs !== mine) return { mine, theirs };
  return { mine, theirs: mine === '#1f6f8b' ? '#b4235f' : '#1f6f8b' };
}

const monthTitle = (month: Month) =>
  new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });

/** "Mo", "Tu", … in the reader's language, from a week known to start on Monday (2024-01-01). */
const weekdayName = (day: number, style: 'short' | 'long') =>
  new Date(2024, 0, day).toLocaleDateString(undefined, { weekday: style });

function whoWrote(mark: DayMark | undefined, partnerName: string | null): string {
  if (!mark) return 'nothing written';
  const partner = partnerName ?? 'your partner';
  if (mark.me && mark.partner) return `you and ${partner} wrote`;
  return mark.me ? 'you wrote' : `${partner} wrote`;
}

/**
 * A month of the couple's writing: each day someone wrote has a dot in the
 * writer's colour (two when you both did). Arrow keys move between days
 * (across months too), Home and End to the week's ends, Page Up and Page Down
 * by a month; Enter or a click opens the day's writing below the grid.
 */
export function MonthCalendar({
  month,
  today,
  selected,
  moments,
  userId,
  partner,
  showAllKinds,
  onMonth,
  onSelect,
}: {
  month: Month;
  today: LocalDay;
  selected: LocalDay | null;
  /** What the filters leave; the grid marks their days. */
  moments: readonly TimelineMoment[];
  userId: string;
  partner: { id: string; name: string } | null;
  /** A kind filter is on: mark check-ins and notes too, since they are what was asked for. */
  showAllKinds: boolean;
  onMonth: (month: Month, options?: { replace?: boolean }) => void;
  onSelect: (day: LocalDay) => void;
}) {
  const titleId = useId();
  const gridRef = useRef<HTMLTableElement>(null);
  const marks = marksOf(moments, userId, showAllKinds);
  const weeks = monthGrid(month, WEEK_STARTS_ON);
  const inMonth = (day: LocalDay | null) => day !== null && monthOf(day) === month;
  const [active, setActive] = useState<LocalDay>(() => pickActive(month, selected, today));
  // The roving focus stays in the month shown (after "next month", or back and forward).
  const focusDay = monthOf(active) === month ? active : pickActive(month, selected, today);
  const wantFocus = useRef(false);

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`button[data-day="${focusDay}"]`)?.focus();
  }, [focusDay, month]);

  function moveTo(day: LocalDay) {
    wantFocus.current = true;
    setActive(day);
    // Arrowing into another month shows it, without a back-button step for every key press.
    if (monthOf(day) !== month) onMonth(monthOf(day), { replace: true });
  }

  function onKeyDown(event: KeyboardEvent) {
    const step: Record<string, () => LocalDay> = {
      ArrowLeft: () => addDays(focusDay, -1),
      ArrowRight: () => addDays(focusDay, 1),
      ArrowUp: () => addDays(focusDay, -7),
      ArrowDown: () => addDays(focusDay, 7),
      Home: () => addDays(focusDay, -((weekday(focusDay) - WEEK_STARTS_ON + 7) % 7)),
      End: () => addDays(focusDay, 6 - ((weekday(focusDay) - WEEK_STARTS_ON + 7) % 7)),
      PageUp: () => addMonthsToDay(focusDay, event.shiftKey ? -12 : -1),
      PageDown: () => addMonthsToDay(focusDay, event.shiftKey ? 12 : 1),
    };
    const next = step[event.key];
    if (!next) return;
    event.preventDefault();
    moveTo(next());
  }

  const partnerName = partner?.name ?? null;
  const colors = dotColors(userId, partner?.id ?? null);
  return (
    <div className="month-calendar">
      <div className="month-calendar__head">
        <button type="button" className="button button--quiet button--small" onClick={() => onMonth(addMonths(month, -1))} aria-label={`Previous month, ${monthTitle(addMonths(month, -1))}`}>
          <span aria-hidden="true">‹</span>
        </button>
        <h3 id={titleId} className="month-calendar__title" aria-live="polite">
          {monthTitle(month)}
        </h3>
        <button type="button" className="button button--quiet button--small" onClick={() => onMonth(addMonths(month, 1))} aria-label={`Next month, ${monthTitle(addMonths(month, 1))}`}>
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table ref={gridRef} role="grid" aria-labelledby={titleId} className="month-calendar__grid" onKeyDown={onKeyDown}>
        <thead>
          <tr role="row">
            {weekdayColumns(WEEK_STARTS_ON).map((day) => (
              <th key={day} role="columnheader" scope="col" abbr={weekdayName(day, 'long')}>
                <span aria-hidden="true">{weekdayName(day, 'short').slice(0, 2)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr role="row" key={week.find(Boolean)}>
              {week.map((day, i) =>
                day && inMonth(day) ? (
                  <td key={day} role="gridcell" aria-selected={day === selected} className="month-calendar__cell">
                    <DayButton
                      day={day}
                      mark={marks.get(day)}
                      focusable={day === focusDay}
                      isToday={day === today}
                      selected={day === selected}
                      label={`${formatDay(day)}, ${whoWrote(marks.get(day), partnerName)}`}
                      userColor={colors.mine}
                      partnerColor={colors.theirs}
                      onClick={() => {
                        setActive(day);
                        onSelect(day);
                      }}
                    />
                  </td>
                ) : (
                  <td key={`blank-${i}`} role="gridcell" aria-hidden="true" className="month-calendar__cell month-calendar__cell--blank" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="month-calendar__legend">
        <span className="month-calendar__key">
          <span className="month-calendar__dot" style={{ backgroundColor: colors.mine }} aria-hidden="true" /> You
        </span>
        {partner && (
          <span className="month-calendar__key">
            <span className="month-calendar__dot" style={{ backgroundColor: colors.theirs }} aria-hidden="true" /> {partner.name}
          </span>
        )}
      </p>
    </div>
  );
}

/** Where the roving focus starts in a month: the chosen day, today, or the 1st. */
function pickActive(month: Month, selected: LocalDay | null, today: LocalDay): LocalDay {
  if (selected && monthOf(selected) === month) return selected;
  if (monthOf(today) === month) return today;
  return firstDayOf(month);
}

function DayButton(props: {
  day: LocalDay;
  mark: DayMark | undefined;
  focusable: boolean;
  isToday: boolean;
  selected: boolean;
  label: string;
  userColor: string;
  partnerColor: string;
  onClick: () => void;
}) {
  const { day, mark, focusable, isToday, selected, label, onClick } = props;
  const classes = ['month-calendar__day', mark && 'month-calendar__day--written', isToday && 'month-calendar__day--today', selected && 'month-calendar__day--selected']
    .filter(Boolean)
    .join(' ');
  return (
    <button type="button" className={classes} data-day={day} tabIndex={focusable ? 0 : -1} aria-label={label} aria-current={isToday ? 'date' : undefined} onClick={onClick}>
      <span aria-hidden="true">{Number(day.slice(8))}</span>
      {mark && (
        <span className="month-calendar__dots" aria-hidden="true">
          {mark.me && <span className="month-calendar__dot" style={{ backgroundColor: props.userColor }} />}
          {mark.partner && <span className="month-calendar__dot" style={{ backgroundColor: props.partnerColor }} />}
        </span>
      )}
    </button>
  );
}
