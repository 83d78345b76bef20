import type { IncomingMessage } from 'node:http';
import { routes } from '#shared/api/routes.js';
import { parseAnswerCommentsKey } from '#shared/documents/answer.js';
import { commentsRoom, countComments, readThread, readThreads, writeReadMark, writeThread } from '#shared/documents/comments.js';
import { type CommentCommand, CommentRefusal, applyCommentCommand } from '#shared/model/comments.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { mayOpenRoom } from '../../auth/roomAccess.js';
import { CommentSummaryPublisher } from '../commentSummaries.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import { requireMembership } from './journalRoutes.js';

const STATUS_FOR: Record<CommentRefusal['reason'], number> = {
  not_found: 404,
  not_author: 403,
  invalid: 400,
  conflict: 409,
  // The entry or thread holds all it may: nothing is wrong with the request itself, but its target is full.
  thread_full: 409,
  too_many_threads: 409,
  too_many_comments: 409,
};

/**
 * Comments are written only here. The handler checks membership, then applies
 * the command to the stored thread with the session's user as the actor (a
 * client cannot name anyone else), and the relay stores and relays the result
 * through the entry's comments document, which clients can only read.
 */
export function commentRoutes(app: AppContext, router: Router): void {
  const summaries = new CommentSummaryPublisher(app);

  /**
   * Membership, then the comments room's own access: an answer's comments are
   * sealed with the answer (403 before the reveal, as at the upgrade).
   */
  async function requireAccess(req: IncomingMessage, journalId: string, entryId: string) {
    const { user } = await requireUser(app, req);
    await requireMembership(app, journalId, user.id);
    await requireRoom(journalId, entryId, user.id);
    return user;
  }

  async function requireRoom(journalId: string, entryId: string, userId: string) {
    const room = app.documents.parse(commentsRoom(journalId, entryId));
    if (!room || !(await mayOpenRoom(app.storage, room, userId, app.now()))) {
      throw new HttpError(403, 'forbidden', 'These comments are private to your partner for now.');
    }
  }

  /**
   * The journal index carries an entry's comment counts; an answer is no entry
   * of the index, and its counts there would tell the partner about a sealed one.
   */
  const publish = async (journalId: string, entryId: string) => {
    if (parseAnswerCommentsKey(entryId) === null) await summaries.publish(journalId, entryId);
  };

  /** Applies `command` for the session's user, once they are known to be a member; answers the thread as stored. */
  async function run(ctx: { req: IncomingMessage; params: { id: string } }, entryId: string, command: CommentCommand) {
    const user = await requireAccess(ctx.req, ctx.params.id, entryId);
    const actor = { id: user.id, name: user.name };
    try {
      const thread = await app.relay.change(commentsRoom(ctx.params.id, entryId), (doc) => {
        const current = readThread(doc, command.threadId);
        const next = applyCommentCommand(current, command, actor, entryId, app.now(), countComments(doc));
        // Only the records that changed are written, so a reply stores the reply, not the thread again.
        if (next !== current) writeThread(doc, current, next);
        return next;
      });
      await publish(ctx.params.id, entryId);
      return { body: { thread } };
    } catch (error) {
      if (error instanceof CommentRefusal) throw new HttpError(STATUS_FOR[error.reason], error.reason, error.message);
      throw error;
    }
  }

  serveRoute(router, routes.threads, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const { entryId } = (await ctx.input()).params;
    await requireRoom(ctx.params.id, entryId, user.id);
    const threads = await app.relay.change(commentsRoom(ctx.params.id, entryId), (doc) => [...readThreads(doc).values()]);
    threads.sort((a, b) => a.createdAt - b.createdAt);
    return { body: { threads } };
  });

  // Your own read mark only: the actor is the session's user, whatever the body says.
  serveRoute(router, routes.markRead, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const { params, body } = await ctx.input();
    await requireRoom(ctx.params.id, params.entryId, user.id);
    const seenAt = await app.relay.change(commentsRoom(ctx.params.id, params.entryId), (doc) => writeReadMark(doc, user.id, body.seenAt, app.now()));
    await publish(ctx.params.id, params.entryId);
    return { body: { seenAt } };
  });

  // The commands check what was sent before who sent it, as they always have.
  serveRoute(router, routes.createThread, async (ctx) => {
    const { params, body } = await ctx.input();
    return run(ctx, params.entryId, { type: 'createThread', ...body });
  });

  serveRoute(router, routes.resolveThread, async (ctx) => {
    const { params, body } = await ctx.input();
    return run(ctx, params.entryId, { type: 'resolve', threadId: params.threadId, resolved: body.resolved });
  });

  serveRoute(router, routes.reply, async (ctx) => {
    const { params, body } = await ctx.input();
    return run(ctx, params.entryId, { type: 'reply', threadId: params.threadId, commentId: body.commentId, text: body.text });
  });

  serveRoute(router, routes.editComment, async (ctx) => {
    const { params, body } = await ctx.input();
    return run(ctx, params.entryId, { type: 'edit', threadId: params.threadId, commentId: params.commentId, text: body.text });
  });

  serveRoute(router, routes.deleteComment, async (ctx) => {
    const { params } = await ctx.input();
    return run(ctx, params.entryId, { type: 'delete', threadId: params.threadId, commentId: params.commentId });
  });

  for (const [route, on] of [
    [routes.addReaction, true],
    [routes.removeReaction, false],
  ] as const) {
    serveRoute(router, route, async (ctx) => {
      const { params } = await ctx.input();
      return run(ctx, params.entryId, { type: 'react', threadId: params.threadId, commentId: params.commentId, emoji: params.emoji, on });
    });
  }
}
