import { type AnchorVersion, type CommentCommand, CommentRefusal, applyCommentCommand } from '#shared/model/comments.js';
import { commentsRoom, countComments, readThread, readThreads, writeReadMark, writeThread } from '#shared/documents/comments.js';
import { isValidId } from '#shared/model/ids.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { CommentSummaryPublisher } from '../commentSummaries.js';
import { HttpError } from '../HttpError.js';
import { readJsonBody } from '../readJsonBody.js';
import type { RouteContext, Router } from '../Router.js';
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

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_input', `${name} is required.`);
  return value;
}

function id(value: unknown, what: string): string {
  if (typeof value !== 'string' || !isValidId(value)) throw new HttpError(400, 'invalid_input', `${what} must be an id of 8 to 64 letters, digits, _ or -.`);
  return value;
}

/**
 * Comments are written only here. The handler checks membership, then applies
 * the command to the stored thread with the session's user as the actor (a
 * client cannot name anyone else), and the relay stores and relays the result
 * through the entry's comments document, which clients can only read.
 */
export function commentRoutes(app: AppContext, router: Router): void {
  const base = '/api/journals/:id/entries/:entryId/threads';
  const summaries = new CommentSummaryPublisher(app);

  async function run(ctx: RouteContext, command: CommentCommand, status = 200) {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const entryId = id(ctx.params.entryId, 'The entry id');
    const actor = { id: user.id, name: user.name };
    try {
      const thread = await app.relay.change(commentsRoom(ctx.params.id, entryId), (doc) => {
        const current = readThread(doc, command.threadId);
        const next = applyCommentCommand(current, command, actor, entryId, app.now(), countComments(doc));
        // Only the records that changed are written, so a reply stores the reply, not the thread again.
        if (next !== current) writeThread(doc, current, next);
        return next;
      });
      await summaries.publish(ctx.params.id, entryId);
      return { status, body: { thread } };
    } catch (error) {
      if (error instanceof CommentRefusal) throw new HttpError(STATUS_FOR[error.reason], error.reason, error.message);
      throw error;
    }
  }

  router.add('GET', base, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const entryId = id(ctx.params.entryId, 'The entry id');
    const threads = await app.relay.change(commentsRoom(ctx.params.id, entryId), (doc) => [...readThreads(doc).values()]);
    threads.sort((a, b) => a.createdAt - b.createdAt);
    return { status: 200, body: { threads } };
  });

  // Your own read mark only: the actor is the session's user, whatever the body says.
  router.add('PUT', '/api/journals/:id/entries/:entryId/read', async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const entryId = id(ctx.params.entryId, 'The entry id');
    const body = await readJsonBody(ctx.req);
    const requested = body.seenAt;
    if (typeof requested !== 'number' || !Number.isFinite(requested) || requested < 0) {
      throw new HttpError(400, 'invalid_input', 'seenAt must be the time (milliseconds) of the newest comment you have seen.');
    }
    const seenAt = await app.relay.change(commentsRoom(ctx.params.id, entryId), (doc) => writeReadMark(doc, user.id, requested, app.now()));
    await summaries.publish(ctx.params.id, entryId);
    return { status: 200, body: { seenAt } };
  });

  router.add('POST', base, async (ctx) => {
    const body = await readJsonBody(ctx.req);
    return run(
      ctx,
      {
        type: 'createThread',
        threadId: id(body.threadId, 'threadId'),
        commentId: id(body.commentId, 'commentId'),
        quote: text(body, 'quote'),
        text: text(body, 'text'),
        // Checked by applyCommentCommand.
        anchorVersion: body.anchorVersion as AnchorVersion | null | undefined,
      },
      201,
    );
  });

  router.add('PATCH', `${base}/:threadId`, async (ctx) => {
    const body = await readJsonBody(ctx.req);
    if (typeof body.resolved !== 'boolean') throw new HttpError(400, 'invalid_input', 'resolved must be true or false.');
    return run(ctx, { type: 'resolve', threadId: id(ctx.params.threadId, 'The thread id'), resolved: body.resolved });
  });

  router.add('POST', `${base}/:threadId/comments`, async (ctx) => {
    const body = await readJsonBody(ctx.req);
    return run(ctx, { type: 'reply', threadId: id(ctx.params.threadId, 'The thread id'), commentId: id(body.commentId, 'commentId'), text: text(body, 'text') });
  });

  router.add('PATCH', `${base}/:threadId/comments/:commentId`, async (ctx) => {
    const body = await readJsonBody(ctx.req);
    return run(ctx, { type: 'edit', threadId: id(ctx.params.threadId, 'The thread id'), commentId: id(ctx.params.commentId, 'The comment id'), text: text(body, 'text') });
  });

  router.add('DELETE', `${base}/:threadId/comments/:commentId`, (ctx) =>
    run(ctx, { type: 'delete', threadId: id(ctx.params.threadId, 'The thread id'), commentId: id(ctx.params.commentId, 'The comment id') }),
  );

  for (const [method, on] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    router.add(method, `${base}/:threadId/comments/:commentId/reactions/:emoji`, (ctx) =>
      run(ctx, {
        type: 'react',
        threadId: id(ctx.params.threadId, 'The thread id'),
        commentId: id(ctx.params.commentId, 'The comment id'),
        emoji: ctx.params.emoji,
        on,
      }),
    );
  }
}
