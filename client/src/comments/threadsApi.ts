import { routes } from '#shared/api/routes.js';
import type { CommentCommand, CommentThread } from '#shared/model/comments.js';
import { callRoute } from '../api/callRoute';
import type { OutboxCommand } from './commentOutbox';

/** Sends one queued command to the API. */
export function sendOutboxCommand(journalId: string, entryId: string, command: OutboxCommand): Promise<unknown> {
  if (command.type === 'read') return callRoute(routes.markRead, { params: { id: journalId, entryId }, body: { seenAt: command.seenAt } });
  return sendCommentCommand(journalId, entryId, command);
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
