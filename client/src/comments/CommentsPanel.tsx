import { useState } from 'react';
import type { CommentCommand } from '#shared/model/comments.js';
import type { OutboxItem } from '../sync/CommentOutbox';
import { ThreadCard } from './ThreadCard';
import type { ListedThread } from './threadList';

/** The list of an entry's threads: beside the text on wide screens, a bottom sheet on phones. */
export function CommentsPanel({
  open,
  resolved,
  userId,
  seenAt,
  activeId,
  queued,
  send,
  onActivate,
  onShowInText,
  onClose,
  inline = false,
}: {
  open: ListedThread[];
  resolved: ListedThread[];
  userId: string;
  seenAt: number | null;
  activeId: string | null;
  queued: OutboxItem[];
  send: (command: CommentCommand) => void;
  onActivate: (threadId: string) => void;
  onShowInText: (threadId: string) => void;
  /** Phone sheet only: hide the panel. */
  onClose: (() => void) | null;
  /** Under a text rather than beside it (a day's answers): in the flow of the page, as long as it needs. */
  inline?: boolean;
}) {
  const [showResolved, setShowResolved] = useState(false);
  const card = (item: ListedThread, showInText: boolean) => (
    <ThreadCard
      key={item.id}
      item={item}
      userId={userId}
      seenAt={seenAt}
      active={activeId === item.id}
      queued={queued}
      send={send}
      onActivate={onActivate}
      onShowInText={showInText ? onShowInText : null}
    />
  );
  return (
    <aside role="complementary" aria-label="Comments" className={onClose ? 'comments-panel comments-panel--sheet' : inline ? 'comments-panel comments-panel--inline' : 'comments-panel'}>
      <div className="comments-panel__head">
        <h2 className="comments-panel__title">Comments</h2>
        {onClose && (
          <button type="button" className="button button--quiet button--small" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      {open.length === 0 && <p className="comments-panel__empty">No open comments. Select some words and choose “Add comment”.</p>}
      <div className="comments-panel__list">{open.map((item) => card(item, true))}</div>
      {resolved.length > 0 && (
        <section className="comments-panel__resolved">
          <button type="button" className="link-button" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)}>
            Resolved ({resolved.length})
          </button>
          {showResolved && (
            <div className="comments-panel__list">
              {resolved.map((item) => card(item, false))}
            </div>
          )}
        </section>
      )}
    </aside>
  );
}
