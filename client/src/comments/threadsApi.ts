import { apiRequest } from '../api/request';
import type { CommentCommand, CommentThread } from '#shared/model/comments.js';
import type { OutboxCommand } from './commentOutbox';

const enc = encodeURIComponent;

/** Sends one queued command to the API. */
export function sendOutboxCommand(journalId: string, entryId: string, command: OutboxCommand): Promise<unknown> {
  if (command.type === 'read') return apiRequest('PUT', `/api/journals/${enc(journalId)}/entries/${enc(entryId)}/read`, { seenAt: command.seenAt });
  return sendCommentCommand(journalId, entryId, command);
}

/** Sends one comment command to the API, which applies it and answers with the thread as stored. */
export function sendCommentCommand(journalId: string, entryId: string, command: CommentCommand): Promise<{ thread: CommentThread }> {
  const base = `/api/journals/${enc(journalId)}/entries/${enc(entryId)}/threads`;
  const thread = `${base}/${enc(command.threadId)}`;
  switch (command.type) {
    case 'createThread':
      return apiRequest('POST', base, {
        threadId: command.threadId,
        commentId: command.commentId,
        quote: command.quote,
        text: command.text,
        anchorVersion: command.anchorVersion ?? null,
      });
    case 'reply':
      return apiRequest('POST', `${thread}/comments`, { commentId: command.commentId, text: command.text });
    case 'edit':
      return apiRequest('PATCH', `${thread}/comments/${enc(command.commentId)}`, { text: command.text });
    case 'delete':
      return apiRequest('DELETE', `${thread}/comments/${enc(command.commentId)}`);
    case 'react':
      return apiRequest(command.on ? 'PUT' : 'DELETE', `${thread}/comments/${enc(command.commentId)}/reactions/${enc(command.emoji)}`);
    case 'resolve':
      return apiRequest('PATCH', thread, { resolved: command.resolved });
  }
}
