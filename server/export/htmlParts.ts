import type { CommentThread } from '#shared/model/comments.js';
import { escapeHtml } from './escapeHtml.js';

/** Shared bits of journal.html: times, names, comment threads. Everything escaped. */

export function when(ms: number): string {
  // UTC, written out, so the page reads the same wherever it is opened or printed.
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function commentsHtml(threads: readonly CommentThread[]): string {
  if (threads.length === 0) return '';
  const items = threads.map((thread) => {
    const comments = thread.comments
      .map((c) =>
        c.deletedAt !== null
          ? `<li class="muted">(a deleted comment)</li>`
          : `<li><strong>${escapeHtml(c.author.name)}</strong> <span class="muted">${when(c.createdAt)}</span><br>${escapeHtml(c.text)}</li>`,
      )
      .join('');
    const resolved = thread.resolved ? ` <span class="muted">(resolved)</span>` : '';
    return `<li><q>${escapeHtml(thread.quote)}</q>${resolved}<ul>${comments}</ul></li>`;
  });
  return `<section class="comments"><p class="comments-title">Comments</p><ul>${items.join('')}</ul></section>`;
}
