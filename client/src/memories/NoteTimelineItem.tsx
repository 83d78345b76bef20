import { useId } from 'react';
import { mineRoom, openedNotes } from '#shared/documents/mine.js';
import type { DeliveredNote } from '#shared/documents/rituals.js';
import { useDocVersion } from '../collab/useDocVersion';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { formatDay } from '../ui/formatDate';

/**
 * A love note on the timeline, once delivered. A note from the partner shows
 * its words only after it has been opened on the notes page, so the
 * timeline never spoils the moment of opening it.
 */
export function NoteTimelineItem({
  note,
  date,
  journalId,
  userId,
  partnerName,
}: {
  note: DeliveredNote;
  /** The couple's day it arrived. */
  date: string;
  journalId: string;
  userId: string;
  partnerName: string | null;
}) {
  const titleId = useId();
  const mine = useReadOnlyRoom(mineRoom(journalId, userId));
  useDocVersion(mine?.doc ?? null);
  const fromMe = note.from === userId;
  const opened = fromMe || (mine !== null && openedNotes(mine.doc).has(note.id));
  const partner = partnerName ?? 'your partner';
  const title = fromMe ? `A note you left ${partner}` : `A note from ${partner}`;
  const words = opened ? (note.text ?? '') : '';
  return (
    <li role="listitem" className="entry-card entry-card--note">
      <article aria-labelledby={titleId} className="entry-card__inner">
        <p className="entry-card__date">
          <time dateTime={date}>{formatDay(date)}</time> · Love note
        </p>
        <h3 id={titleId} className="entry-card__title">
          <span className="entry-card__emoji" aria-hidden="true">
            {note.emoji}
          </span>{' '}
          <Link to={paths.notes(journalId)} className="entry-card__link">
            {title}
          </Link>
        </h3>
        <p className={words ? 'entry-card__preview' : 'entry-card__preview entry-card__preview--empty'}>
          {opened ? words || 'Open it to read it again.' : 'Waiting for you to open it.'}
        </p>
      </article>
    </li>
  );
}
