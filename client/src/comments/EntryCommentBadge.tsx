import { icons } from '../editor/toolbarIcons';
import { useEffect, useRef, useState } from 'react';
import { useCommentSummary } from './commentSummaries';
import { readMark, serverMark, unreadIn } from './readMarks';

/**
 * "3 comments · 1 new" on a timeline card. Reads the entry's comments only
 * once the card is on screen. Unread counts use your read mark (see readMarks.ts).
 */
export function EntryCommentBadge({ journalId, entryId, userId }: { journalId: string; entryId: string; userId: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver((records) => setVisible(records.some((r) => r.isIntersecting)));
    // The badge itself is hidden while it has nothing to say (and a hidden element never
    // intersects): watch the row it sits in.
    observer.observe(el.parentElement ?? el);
    return () => observer.disconnect();
  }, []);
  const summary = useCommentSummary(journalId, entryId, visible);
  const open = (summary?.threads ?? []).filter((t) => !t.resolved);
  const count = open.reduce((n, t) => n + t.comments.filter((c) => c.deletedAt === null).length, 0);
  const seenAt = readMark(userId, entryId, serverMark(summary?.reads ?? null, userId));
  const unread = open.reduce((n, t) => n + unreadIn(t, userId, seenAt), 0);
  const label = `${count} ${count === 1 ? 'comment' : 'comments'}${unread > 0 ? `, ${unread} new` : ''}`;
  return (
    <span ref={ref} className="entry-card__comments" data-testid="entry-comments">
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
