import type * as Y from 'yjs';
import { icons } from '../ui/icons';
import { deviceMark } from './readMarks';
import { useCommentSummary } from './useCommentSummary';

/**
 * "3 comments · 1 new" on a timeline card, from the comment summary the
 * server keeps in the journal index. What is new follows your read mark on
 * the server, or this device's if it is ahead (read offline, not yet sent).
 */
export function EntryCommentBadge({ indexDoc, entryId, userId }: { indexDoc: Y.Doc | null; entryId: string; userId: string }) {
  const summary = useCommentSummary(indexDoc, entryId);
  const count = summary?.count ?? 0;
  const readHere = summary !== null && deviceMark(userId, entryId) >= (summary.latestFor[userId] ?? 0);
  const unread = summary === null || readHere ? 0 : (summary.unreadFor[userId] ?? 0);
  const label = `${count} ${count === 1 ? 'comment' : 'comments'}${unread > 0 ? `, ${unread} new` : ''}`;
  return (
    <span className="entry-card__comments" data-testid="entry-comments">
      {count > 0 && (
        <>
          <span aria-hidden="true" className="comment-count">
            {icons.comment}
            {count}
          </span>
          {unread > 0 && <span className="unread-dot" aria-hidden="true" />}
          <span className="visually-hidden">{label}</span>
        </>
      )}
    </span>
  );
}
