import { routes } from '#shared/api/routes.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { type DateNights, NightRefusal } from '../../rituals/DateNights.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import { requireMembership } from './journalRoutes.js';

/**
 * Date nights' HTTP side: announcing a night to the partner and ending it as
 * an entry. Both are safe to repeat (a device's queue may send them twice).
 */
export function dateNightRoutes(app: AppContext, router: Router, nights: DateNights): void {
  async function run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // The night's document has not reached the server yet: the device sends it, then asks again.
      if (error instanceof NightRefusal) throw new HttpError(409, error.reason, error.message);
      throw error;
    }
  }

  serveRoute(router, routes.announceNight, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const { params } = await ctx.input();
    return { body: { night: await run(() => nights.announce(ctx.params.id, params.nightId)) } };
  });

  serveRoute(router, routes.endNight, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const { params } = await ctx.input();
    return { body: { night: await run(() => nights.end(ctx.params.id, user.id, params.nightId)) } };
  });
}
