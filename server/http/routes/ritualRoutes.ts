import { isValidTimeZone } from '#shared/rituals/calendar.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { AnswerRefusal, type QuestionOfTheDay } from '../../rituals/QuestionOfTheDay.js';
import { HttpError } from '../HttpError.js';
import { readJsonBody } from '../readJsonBody.js';
import type { Router } from '../Router.js';
import { requireMembership } from './journalRoutes.js';

const REFUSAL_STATUS: Record<AnswerRefusal['reason'], number> = {
  bad_day: 400,
  future_day: 400,
  unknown_question: 400,
  // The answer's document has not reached the server yet: the device retries once it has synced.
  empty_answer: 409,
};

/**
 * The rituals' HTTP side (docs/design/rituals.md). What a partner may see of
 * the other's answer before the reveal is only whether and when they
 * answered; the answers themselves are served by the relay, which opens an
 * owned document to the partner only after its release.
 */
export function ritualRoutes(app: AppContext, router: Router, questions: QuestionOfTheDay): void {
  async function member(ctx: { req: import('node:http').IncomingMessage; params: Record<string, string> }) {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    return user;
  }

  // Opening the journal brings its rituals document up to date (schedule written ahead).
  router.add('GET', '/api/journals/:id/rituals', async (ctx) => {
    await member(ctx);
    await questions.refresh(ctx.params.id);
    const rhythm = await app.storage.rituals.rhythm(ctx.params.id);
    return { status: 200, body: { rhythm, today: await questions.today(ctx.params.id) } };
  });

  router.add('PUT', '/api/journals/:id/rituals/rhythm', async (ctx) => {
    await member(ctx);
    const body = await readJsonBody(ctx.req);
    const change: { timeZone?: string; checkinDay?: number } = {};
    if (body.timeZone !== undefined) {
      if (typeof body.timeZone !== 'string' || !isValidTimeZone(body.timeZone)) {
        throw new HttpError(400, 'invalid_input', 'timeZone must be a time zone name such as "Europe/Berlin".');
      }
      change.timeZone = body.timeZone;
    }
    if (body.checkinDay !== undefined) {
      if (typeof body.checkinDay !== 'number' || !Number.isInteger(body.checkinDay) || body.checkinDay < 1 || body.checkinDay > 7) {
        throw new HttpError(400, 'invalid_input', 'checkinDay must be a day of the week from 1 (Monday) to 7 (Sunday).');
      }
      change.checkinDay = body.checkinDay;
    }
    return { status: 200, body: { rhythm: await questions.setRhythm(ctx.params.id, change) } };
  });

  router.add('POST', '/api/journals/:id/days/:day/answer', async (ctx) => {
    const user = await member(ctx);
    const body = await readJsonBody(ctx.req);
    if (typeof body.questionId !== 'string') throw new HttpError(400, 'invalid_input', 'questionId is required.');
    try {
      const status = await questions.answer(ctx.params.id, user.id, ctx.params.day, body.questionId);
      return { status: 200, body: { status } };
    } catch (error) {
      if (error instanceof AnswerRefusal) throw new HttpError(REFUSAL_STATUS[error.reason], error.reason, error.message);
      throw error;
    }
  });
}
