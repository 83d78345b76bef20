import { routes } from '#shared/api/routes.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { NoteRefusal, type LoveNotes } from '../../rituals/LoveNotes.js';
import { AnswerRefusal, type QuestionOfTheDay } from '../../rituals/QuestionOfTheDay.js';
import { HttpError } from '../HttpError.js';
import type { RouteContext } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import type { Router } from '../Router.js';
import { requireMembership } from './journalRoutes.js';

const ANSWER_STATUS: Record<AnswerRefusal['reason'], number> = {
  bad_day: 400,
  future_day: 400,
  unknown_question: 400,
  // The answer's document has not reached the server yet: the device sends it, then asks again.
  empty_answer: 409,
};

const NOTE_STATUS: Record<NoteRefusal['reason'], number> = {
  bad_emoji: 400,
  bad_time: 400,
  empty_note: 409,
  delivered: 409,
  taken: 409,
};

/**
 * The rituals' HTTP side (docs/design/rituals.md). A partner learns from
 * these only whether and when the other answered, never what; the words are
 * in owned documents, which the relay opens to the partner after their release.
 */
export function ritualRoutes(app: AppContext, router: Router, services: { questions: QuestionOfTheDay; notes: LoveNotes }): void {
  const { questions, notes } = services;
  async function member(ctx: Pick<RouteContext, 'req'> & { params: { id: string } }) {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    return user;
  }

  // Opening the journal brings its rituals document up to date (the schedule written ahead).
  serveRoute(router, routes.rituals, async (ctx) => {
    await member(ctx);
    return { body: await questions.refresh(ctx.params.id) };
  });

  serveRoute(router, routes.setRhythm, async (ctx) => {
    await member(ctx);
    const { body } = await ctx.input();
    const change = { ...(body.timeZone != null && { timeZone: body.timeZone }), ...(body.checkinDay != null && { checkinDay: body.checkinDay }) };
    return { body: { rhythm: await questions.setRhythm(ctx.params.id, change) } };
  });

  serveRoute(router, routes.answerDay, async (ctx) => {
    const user = await member(ctx);
    const { params, body } = await ctx.input();
    try {
      return { body: { status: await questions.answer(ctx.params.id, user.id, params.day, body.questionId) } };
    } catch (error) {
      if (error instanceof AnswerRefusal) throw new HttpError(ANSWER_STATUS[error.reason], error.reason, error.message);
      throw error;
    }
  });

  serveRoute(router, routes.sendNote, async (ctx) => {
    const user = await member(ctx);
    const { params, body } = await ctx.input();
    try {
      const note = await notes.send(ctx.params.id, user.id, params.noteId, body.emoji, body.deliverAt);
      return { body: { note: { noteId: note.noteId, emoji: note.emoji, deliverAt: note.deliverAt, deliveredAt: note.deliveredAt } } };
    } catch (error) {
      if (error instanceof NoteRefusal) throw new HttpError(NOTE_STATUS[error.reason], error.reason, error.message);
      throw error;
    }
  });

  serveRoute(router, routes.cancelNote, async (ctx) => {
    const user = await member(ctx);
    const { params } = await ctx.input();
    if (!(await notes.cancel(ctx.params.id, user.id, params.noteId))) {
      throw new HttpError(409, 'delivered', 'This note has already been delivered, or was never sent.');
    }
    return {};
  });

  serveRoute(router, routes.markNoteSeen, async (ctx) => {
    const user = await member(ctx);
    const { params } = await ctx.input();
    if (!(await notes.markSeen(ctx.params.id, user.id, params.noteId))) {
      throw new HttpError(404, 'note_not_found', 'There is no delivered note from your partner with this id.');
    }
    return {};
  });

  // Only your own notes: a partner's note for later is not even listed.
  serveRoute(router, routes.sentNotes, async (ctx) => {
    const user = await member(ctx);
    const mine = (await app.storage.rituals.notesOf(ctx.params.id)).filter((n) => n.fromUser === user.id);
    return { body: { notes: mine.map((n) => ({ noteId: n.noteId, emoji: n.emoji, deliverAt: n.deliverAt, deliveredAt: n.deliveredAt })) } };
  });
}
