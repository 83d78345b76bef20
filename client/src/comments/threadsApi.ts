import { routes } from '#shared/api/routes.js';
import type { CommentCommand, CommentThread } from '#shared/model/comments.js';
import { ApiError } from '../api/ApiError';
import { callRoute } from '../api/callRoute';
import type { OutboxItem, SendOutcome } from '../sync/CommentOutbox';

/**
 * Sends one queued command to the API (the comment outbox's `send`): a 4xx
 * other than 401 and 429 is a refusal; no network, server trouble, a rate
 * limit or a session that ended keep the item for later.
 */
export async function sendOutboxItem({ journalId, entryId, command }: OutboxItem): Promise<SendOutcome> {
  try {
    if (command.type === 'read') await callRoute(routes.markRead, { params: { id: journalId, entryId }, body: { seenAt: command.seenAt } });
    else await sendCommentCommand(journalId, entryId, command);
    return { kind: 'sent' };
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    if (status === 0 || status >= 500 || status === 429 || status === 401) return { kind: 'later' };
    return { kind: 'refused', message: error instanceof ApiError ? error.message : 'Your comment could not be saved.' };
  }
}

/** Sends one comment command to the API, which applies it and answers with the thread as stored. */
export function sendCommentCommand(journalId: string, entryId: string, command: CommentCommand): Promise<{ thread: CommentThread }> {
  const entry = { id: journalId, entryId };
  const thread = { ...entry, threadId: command.threadId };
  switch (command.type) {
    case 'createThread':
      return callRoute(routes.createThread, {
        params: entry,
        body: {
          threadId: command.threadId,
          commentId: command.commentId,
          quote: command.quote,
          text: command.text,
          anchorVersion: command.anchorVersion ?? null,
        },
      });
    case 'reply':
      return callRoute(routes.reply, { params: thread, body: { commentId: command.commentId, text: command.text } });
    case 'edit':
      return callRoute(routes.editComment, { params: { ...thread, commentId: command.commentId }, body: { text: command.text } });
    case 'delete':
      return callRoute(routes.deleteComment, { params: { ...thread, commentId: command.commentId } });
    case 'react':
      return callRoute(command.on ? routes.addReaction : routes.removeReaction, { params: { ...thread, commentId: command.commentId, emoji: command.emoji } });
    case 'resolve':
      return callRoute(routes.resolveThread, { params: thread, body: { resolved: command.resolved } });
  }
}
