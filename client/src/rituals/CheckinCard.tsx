import { useId, useState } from 'react';
import { readCheckinWeeks, readRhythm, ritualsRoom } from '#shared/documents/rituals.js';
import { isoWeek, weekday } from '#shared/rituals/calendar.js';
import { useRoomLoaded } from '../collab/useCollabRoom';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { checkinApi } from './checkinApi';
import { weekdayName, weekLabel } from './checkinCopy';
import { coupleToday } from './dayQuestion';
import { useDocVersion } from '../collab/useDocVersion';
import { useNow } from './useNow';

/** How many earlier check-ins the card links to. */
const EARLIER = 3;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * This week's check-in on the journal page. On the couple's chosen day it
 * says so in one warm line; on other days it simply waits. Nothing counts
 * weeks missed.
 */
export function CheckinCard({ journalId }: { journalId: string }) {
  const room = useReadOnlyRoom(ritualsRoom(journalId));
  const loaded = useRoomLoaded(room);
  useDocVersion(room?.doc ?? null);
  const now = useNow();
  if (!room || !loaded) return null;
  const doc = room.doc;
  const today = coupleToday(doc, now);
  const week = isoWeek(today);
  const { checkinDay } = readRhythm(doc);
  const weeks = readCheckinWeeks(doc);
  const started = weeks.includes(week);
  const earlier = weeks.filter((w) => w < week).slice(0, EARLIER);
  const isDay = weekday(today) === checkinDay;

  return (
    <section className={isDay ? 'checkin-card checkin-card--today' : 'checkin-card'} aria-labelledby="checkin-card-heading">
      <p className="eyebrow" id="checkin-card-heading">
        Weekly check-in
      </p>
      <p className="checkin-card__line" data-testid="checkin-reminder">
        {isDay ? 'It’s check-in day. How are we doing?' : `How are we doing? A few quiet minutes together, on ${weekdayName(checkinDay)}s or whenever suits you this week.`}
      </p>
      <div className="checkin-card__foot">
        <Link to={paths.checkin(journalId, week)} className="button button--small">
          {started ? 'Open this week’s check-in' : 'Start this week’s check-in'}
        </Link>
        <CheckinDayPicker journalId={journalId} checkinDay={checkinDay} />
      </div>
      {earlier.length > 0 && (
        <details className="checkin-card__earlier">
          <summary>Earlier check-ins</summary>
          <ul>
            {earlier.map((w) => (
              <li key={w}>
                <Link to={paths.checkin(journalId, w)}>{weekLabel(w)}</Link>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The couple's check-in day, changed for both (the server writes it into the rituals document). */
function CheckinDayPicker({ journalId, checkinDay }: { journalId: string; checkinDay: number }) {
  const id = useId();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const change = (day: number) => {
    setState({ kind: 'saving' });
    checkinApi.setCheckinDay(journalId, day).then(
      () => setState({ kind: 'idle' }),
      () => setState({ kind: 'failed', message: 'The day could not be changed just now. Try again when you’re online.' }),
    );
  };
  return (
    <div className="checkin-card__day">
      <label htmlFor={id}>Check-in day</label>
      <select id={id} value={checkinDay} disabled={state.kind === 'saving'} onChange={(e) => change(Number(e.target.value))}>
        {WEEKDAYS.map((day) => (
          <option key={day} value={day}>
            {weekdayName(day)}
          </option>
        ))}
      </select>
      {state.kind === 'failed' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
