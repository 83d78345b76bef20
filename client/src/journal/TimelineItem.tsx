import { useId } from 'react';
import type * as Y from 'yjs';
import { uniqueUsers, type Peer } from '../collab/presence';
import { EntryCommentBadge } from '../comments/EntryCommentBadge';
import { useCurrentUser } from '../session/SessionContext';
import { userColor } from '../collab/userColor';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { Avatar } from '../ui/Avatar';
import type { EntryAuthor, EntrySummary } from '#shared/documents/journalIndex.js';
import { EntryHeart } from './EntryHeart';
import { entryDisplayTitle } from './entryDisplayTitle';
import { formatDay } from '../ui/formatDate';

/** One entry on the timeline: date, title (the link), who wrote it, a preview, and who has it open now. */
export function TimelineItem({
  entry,
  journalId,
  readers,
  indexDoc,
  partner,
  onDelete,
}: {
  entry: EntrySummary;
  journalId: string;
  readers: Peer[];
  /** The journal index, which also holds each entry's comment summary. */
  indexDoc: Y.Doc | null;
  /** The other member, whose heart shows beside yours; null before anyone has joined. */
  partner: EntryAuthor | null;
  onDelete: () => void;
}) {
  const titleId = useId();
  const title = entryDisplayTitle(entry.title);
  const authors = entry.authors.map((a) => a.name);
  const present = uniqueUsers(readers);
  const user = useCurrentUser();

  return (
    <li role="listitem" className="entry-card">
      <article aria-labelledby={titleId} className="entry-card__inner">
        <p className="entry-card__date">
          <time dateTime={entry.date}>{formatDay(entry.date)}</time>
        </p>
        <h3 id={titleId} className="entry-card__title">
          <Link to={paths.entry(journalId, entry.id)} className="entry-card__link">
            {title}
          </Link>
        </h3>
        <p className={entry.preview ? 'entry-card__preview' : 'entry-card__preview entry-card__preview--empty'}>
          {entry.preview || 'Nothing written yet.'}
        </p>
        <div className="entry-card__foot">
          <p className="entry-card__authors">
            <span className="avatar-stack" aria-hidden="true">
              {entry.authors.map((a) => (
                <Avatar key={a.id} name={a.name} color={userColor(a.id)} size="sm" />
              ))}
            </span>
            <span>{authors.length > 0 ? `By ${joinNames(authors)}` : 'No author yet'}</span>
          </p>
          <EntryHeart indexDoc={indexDoc} entryId={entry.id} title={title} hearts={entry.hearts} userId={user.id} partner={partner} />
          <EntryCommentBadge indexDoc={indexDoc} entryId={entry.id} userId={user.id} />
          {present.length > 0 && (
            <p className="entry-card__present">
              <span className="pulse" aria-hidden="true" />
              {joinNames(present.map((p) => p.name))} {present.length === 1 ? 'is' : 'are'} in this entry now
            </p>
          )}
          <button type="button" className="button button--quiet button--small entry-card__delete" aria-label={`Delete “${title}”`} onClick={onDelete}>
            Delete
          </button>
        </div>
      </article>
    </li>
  );
}

function joinNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
