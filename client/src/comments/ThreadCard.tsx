import { useId, useState } from 'react';
import type { Comment, CommentCommand, CommentThread } from '#shared/model/comments.js';
import { newId } from '#shared/model/ids.js';
import type { OutboxItem } from '../sync/CommentOutbox';
import { CommentItem } from './CommentItem';
import { useDraft } from './useDraft';
import type { ListedThread } from './threadList';

/**
 * One thread: the quoted phrase, its comments, a reply box and Resolve.
 * Focusing anything inside makes it the active thread, which highlights its
 * phrase in the text.
 */
export function ThreadCard({
  item,
  userId,
  seenAt,
  active,
  queued,
  send,
  onActivate,
  onShowInText,
}: {
  item: ListedThread;
  userId: string;
  /** Partner comments newer than this are new to you. */
  seenAt: number | null;
  active: boolean;
  /** Replies still on their way, shown as "Sending…". */
  queued: OutboxItem[];
  send: (command: CommentCommand) => void;
  onActivate: (threadId: string) => void;
  onShowInText: ((threadId: string) => void) | null;
}) {
  const quoteId = useId();
  const replyId = useId();
  const [replyDraft, setReplyDraft] = useDraft(`${userId}:reply:${item.id}`);
  const reply = replyDraft ?? '';
  const setReply = (text: string) => setReplyDraft(text === '' ? null : text);
  const { thread, pending } = item;
  // While the phrase is in the text, show it as it reads now (the partner may have typed inside it).
  const quote = item.phrase || thread?.quote || pending?.quote || '';
  // Replying to a thread or resolving it answers what was new in it: its "New" goes at once
  // (only for the comments it had then; the partner's next comment is new again).
  const [answered, setAnswered] = useState<ReadonlySet<string>>(() => new Set());
  const answer = () => setAnswered(new Set(thread?.comments.map((c) => c.id)));
  const isNew = (c: Comment) => seenAt !== null && !answered.has(c.id) && isUnread(c, userId, seenAt);
  const unread = thread !== null && thread.comments.some(isNew);
  const sendingReplies = queued.flatMap((q) => (q.command.type === 'reply' && q.command.threadId === item.id ? [q.command] : []));
  const shown = new Set(thread?.comments.map((c) => c.id));

  const classes = ['thread', active && 'thread--active', unread && 'thread--unread', item.placement === 'deleted' && 'thread--detached'].filter(Boolean).join(' ');
  return (
    <article className={classes} data-thread-id={item.id} aria-labelledby={quoteId} tabIndex={-1} onFocus={() => onActivate(item.id)} onClick={() => onActivate(item.id)}>
      <header className="thread__head">
        {item.placement === 'deleted' && <p className="thread__detached">On deleted text</p>}
        {item.placement === 'text' && onShowInText ? (
          <button type="button" className="thread__quote thread__quote--link" id={quoteId} onClick={() => onShowInText(item.id)} title="Show in text">
            “{quote || '…'}”
          </button>
        ) : (
          <p className="thread__quote" id={quoteId}>
            “{quote || '…'}”
          </p>
        )}
        {unread && <span className="thread__badge">New</span>}
      </header>

      {thread === null ? (
        <ThreadWithoutServerCopy pending={pending} />
      ) : (
        <ol className="thread__comments">
          {thread.comments.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              threadId={thread.id}
              userId={userId}
              unread={isNew(comment)}
              send={send}
            />
          ))}
          {sendingReplies
            .filter((r) => !shown.has(r.commentId))
            .map((r) => (
              <li key={r.commentId} className="comment comment--sending">
                <p className="comment__text">{r.text}</p>
                <p className="comment__status">Sending…</p>
              </li>
            ))}
        </ol>
      )}

      {thread !== null && thread.resolved !== null && (
        // A resolved thread is closed: it can be reopened, not replied to.
        <div className="comment__actions thread__closed">
          <ResolveButton thread={thread} send={send} onSent={answer} />
        </div>
      )}
      {thread !== null && thread.resolved === null && (
        <form
          className="thread__reply"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reply.trim()) return;
            send({ type: 'reply', threadId: thread.id, commentId: newId(), text: reply.trim() });
            setReply('');
            answer();
          }}
        >
          <label htmlFor={replyId} className="visually-hidden">
            Reply
          </label>
          <textarea
            id={replyId}
            className="field__input comment__textarea"
            rows={1}
            placeholder="Reply…"
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
            }}
          />
          <div className="comment__actions">
            <button type="submit" className="button button--small" disabled={!reply.trim()}>
              Send reply
            </button>
            <ResolveButton thread={thread} send={send} onSent={answer} />
          </div>
        </form>
      )}
    </article>
  );
}

export function ResolveButton({ thread, send, onSent }: { thread: CommentThread; send: (command: CommentCommand) => void; onSent?: () => void }) {
  const resolved = thread.resolved !== null;
  return (
    <button
      type="button"
      className="button button--quiet button--small"
      onClick={() => {
        send({ type: 'resolve', threadId: thread.id, resolved: !resolved });
        onSent?.();
      }}
    >
      {resolved ? 'Reopen' : 'Resolve'}
    </button>
  );
}

function ThreadWithoutServerCopy({ pending }: { pending: ListedThread['pending'] }) {
  if (!pending) return <p className="comment__status">Loading…</p>;
  return (
    <ol className="thread__comments">
      <li className="comment comment--sending">
        <p className="comment__text">{pending.text}</p>
        <p className="comment__status">Sending…</p>
      </li>
    </ol>
  );
}

export function isUnread(comment: Comment, userId: string, seenAt: number): boolean {
  return comment.author.id !== userId && comment.deletedAt === null && comment.createdAt > seenAt;
}
