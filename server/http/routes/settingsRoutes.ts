import { routes } from '#shared/api/routes.js';
import type { AppContext } from '../../AppContext.js';
import { deleteAccount } from '../../accounts/deleteAccount.js';
import { closeSessionSockets } from '../../accounts/signOutSessions.js';
import { writeNameInJournal } from '../../accounts/writeNameEverywhere.js';
import { publicUser, requireUser } from '../../auth/authenticate.js';
import { passwordProblem } from '../../auth/passwords.js';
import { RateLimiter } from '../../auth/RateLimiter.js';
import { clearedSessionCookie } from '../../auth/sessionTokens.js';
import { EmailTakenError, type User } from '../../storage/AccountStore.js';
import { HttpError } from '../HttpError.js';
import { clientAddress } from '../requestOrigin.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import { tooMany } from './accountRoutes.js';

/** Wrong current passwords an account may send in settings per window, so a stolen session cannot guess the password. */
const WRONG_PASSWORDS = { limit: 10, windowMs: 15 * 60 * 1000 };

/**
 * Account settings (docs/design/accounts.md): name, email, password, signed-in devices, and
 * deleting the account. Every route acts on the session's own account only.
 */
export function settingsRoutes(app: AppContext, router: Router): void {
  const wrongPasswords = new RateLimiter(WRONG_PASSWORDS.limit, WRONG_PASSWORDS.windowMs, app.now);

  /** Checks the account's current password, counting the attempt before the hash and giving it back when right. */
  const checkPassword = async (user: User, password: string): Promise<void> => {
    const wait = wrongPasswords.check(user.id);
    if (wait > 0) throw tooMany(wait, 'wrong passwords');
    wrongPasswords.record(user.id);
    let ok: boolean;
    try {
      ok = await app.passwords.verify(password, user.passwordHash);
    } catch (error) {
      wrongPasswords.giveBack(user.id);
      throw error;
    }
    if (!ok) throw new HttpError(403, 'wrong_password', 'That is not your current password.');
    wrongPasswords.giveBack(user.id);
  };

  serveRoute(router, routes.rename, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { name } = (await ctx.input()).body;
    if (name !== user.name) {
      await app.storage.renameUser(user.id, name);
      app.relay.renameUser(user.id, name);
      // Past writing shows the new name too: the entries' authors, comments, check-ins.
      for (const journal of await app.storage.listJournalsOf(user.id)) {
        await writeNameInJournal({ storage: app.storage, relay: app.relay }, journal.id, user.id, name, false);
      }
    }
    return { body: { user: publicUser({ ...user, name }) } };
  });

  serveRoute(router, routes.changeEmail, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { email, password } = (await ctx.input()).body;
    await checkPassword(user, password);
    if (email !== user.email.toLowerCase()) {
      try {
        await app.storage.changeEmail(user.id, email);
      } catch (error) {
        if (error instanceof EmailTakenError) throw new HttpError(409, 'email_taken', 'Another account already uses this email.');
        throw error;
      }
      // This device and address keep the trust they had for the old address (see LoginGuard).
      app.loginGuard.rememberAddress(email, clientAddress(ctx.req, app.trustProxy));
    }
    return { body: { user: publicUser({ ...user, email }) } };
  });

  serveRoute(router, routes.changePassword, async (ctx) => {
    const auth = await requireUser(app, ctx.req);
    const { currentPassword, newPassword } = (await ctx.input()).body;
    await checkPassword(auth.user, currentPassword);
    const problem = passwordProblem(newPassword, auth.user.email, auth.user.name);
    if (problem) throw new HttpError(422, 'weak_password', problem);
    const hash = await app.passwords.hash(newPassword);
    const ended = await app.storage.changePassword(auth.user.id, hash, auth.sessionId);
    closeSessionSockets(app.relay, ended, 'password changed');
    return {};
  });

  serveRoute(router, routes.sessions, async (ctx) => {
    const auth = await requireUser(app, ctx.req);
    const now = app.now();
    const sessions = (await app.storage.listSessions(auth.user.id)).filter((s) => s.expiresAt > now);
    return {
      body: {
        sessions: sessions.map((s) => ({ id: s.id, device: s.device, signedInAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.id === auth.sessionId })),
      },
    };
  });

  serveRoute(router, routes.endSession, async (ctx) => {
    const auth = await requireUser(app, ctx.req);
    const { sessionId } = (await ctx.input()).params;
    // Another account's session id is answered like one that does not exist.
    if (!(await app.storage.endSession(auth.user.id, sessionId))) {
      throw new HttpError(404, 'not_found', 'That device is not signed in any more.');
    }
    closeSessionSockets(app.relay, [sessionId], 'signed out from another device');
    return sessionId === auth.sessionId ? { headers: { 'set-cookie': clearedSessionCookie(app.secureCookies) } } : {};
  });

  serveRoute(router, routes.endOtherSessions, async (ctx) => {
    const auth = await requireUser(app, ctx.req);
    const ended = await app.storage.endSessionsOf(auth.user.id, auth.sessionId);
    closeSessionSockets(app.relay, ended, 'signed out from another device');
    return { body: { ended: ended.length } };
  });

  serveRoute(router, routes.deleteAccount, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { password } = (await ctx.input()).body;
    await checkPassword(user, password);
    await deleteAccount({ storage: app.storage, relay: app.relay, now: app.now }, user.id);
    // The copies of journals they left hold their words (and their partner's): they go too.
    await app.farewells?.forget(user.id);
    app.log.info('an account was deleted', { userId: user.id });
    return { headers: { 'set-cookie': clearedSessionCookie(app.secureCookies) } };
  });
}
