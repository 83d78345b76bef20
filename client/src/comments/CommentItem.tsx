import { useId, useState } from 'react';
import { useDraft } from './useDraft';
import type { Comment, CommentCommand } from '#shared/model/comments.js';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatCommentTime } from './formatCommentTime';
import { ReactionBar } from './ReactionBar';

/** One comment: who, when, the text (always as plain text), reactions, and edit/delete for its author. */
export function CommentItem({
  comment,
  threadId,
  userId,
  unread,
  send,
}: {
  comment: Comment;
  threadId: string;
  userId: string;
  unread: boolean;
  send: (command: CommentCommand) => void;
}) {
  const editId = useId();
  const [draft, setDraft] = useDraft(`${userId}:edit:${comment.id}`);
  const editing = draft !== null;
  const [confirming, setConfirming] = useState(false);
  const own = comment.author.id === userId;

  if (comment.deletedAt !== null) {
    return (
      <li className="comment comment--deleted">
        <p className="comment__deleted">Comment deleted</p>
      </li>
    );
  }

  return (
    <li className={unread ? 'comment comment--unread' : 'comment'}>
      <p className="comment__meta">
        <span className="comment__author">{comment.author.name}</span>
        <time dateTime={new Date(comment.createdAt).toISOString()}>{formatCommentTime(comment.createdAt)}</time>
        {comment.editedAt !== null && <span className="comment__edited">(edited)</span>}
        {unread && <span className="comment__new">New</span>}
      </p>
      {editing ? (
        <form
          className="comment__edit"
          onSubmit={(e) => {
            e.preventDefault();
            if (!draft?.trim()) return;
            send({ type: 'edit', threadId, commentId: comment.id, text: draft.trim() });
            setDraft(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setDraft(null);
            }
          }}
        >
          <label htmlFor={editId} className="visually-hidden">
            Edit comment
          </label>
          <textarea id={editId} className="field__input comment__textarea" rows={3} value={draft ?? ''} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <div className="comment__actions">
            <button type="submit" className="button button--small">
              Save
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="comment__text">{comment.text}</p>
      )}
      <div className="comment__foot">
        <ReactionBar comment={comment} userId={userId} onToggle={(emoji, on) => send({ type: 'react', threadId, commentId: comment.id, emoji, on })} />
        {own && !editing && (
          <span className="comment__own">
            <button
              type="button"
              className="link-button"
              onClick={() => setDraft(comment.text)}
            >
              Edit
            </button>
            <button type="button" className="link-button" onClick={() => setConfirming(true)}>
              Delete
            </button>
          </span>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Delete this comment?"
        confirmLabel="Delete comment"
        danger
        onConfirm={() => {
          setConfirming(false);
          send({ type: 'delete', threadId, commentId: comment.id });
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>Replies stay; this comment shows as deleted for both of you.</p>
      </ConfirmDialog>
    </li>
  );
}
