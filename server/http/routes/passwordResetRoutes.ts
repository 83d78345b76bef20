import { routes } from '#shared/api/routes.js';
import type { AppContext } from '../../AppContext.js';
import type { PasswordResets } from '../../accounts/PasswordResets.js';
import { closeSessionSockets } from '../../accounts/signOutSessions.js';
import { passwordProblem } from '../../auth/passwords.js';
import { RateLimiter } from '../../auth/RateLimiter.js';
import { clearedSessionCookie, hashToken } from '../../auth/sessionTokens.js';
import { HttpError } from '../HttpError.js';
import { clientAddress } from '../requestOrigin.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import { tooMany } from './accountRoutes.js';

const HOUR = 60 * 60 * 1000;
/** Reset mails one email address may be sent an hour: enough for a lost mail or two, too few to flood an inbox. */
export const RESETS_PER_EMAIL = 3;
/** Reset requests one client address may make an hour, over all emails. */
export const RESETS_PER_ADDRESS = 10;

/** The one answer to every reset request that is not refused, known email or not. */
export const RESET_REQUESTED =
  'If an account uses this email, a link to choose a new password is on its way. It works once, for one hour. Check your spam folder if it does not arrive in a few minutes.';

const LINK_INVALID = new HttpError(
  410,
  'reset_link_invalid',
  'This link has been used already or is more than an hour old. Ask for a new one from the login page.',
);

/** Forgot password (docs/design/accounts.md): ask for a link by email, then use it once within the hour. */
export function passwordResetRoutes(app: AppContext, router: Router, resets: PasswordResets): void {
  const perEmail = new RateLimiter(RESETS_PER_EMAIL, HOUR, app.now);
  const perAddress = new RateLimiter(RESETS_PER_ADDRESS, HOUR, app.now);

  serveRoute(router, routes.requestPasswordReset, async (ctx) => {
    const address = clientAddress(ctx.req, app.trustProxy);
    const { email } = (await ctx.input()).body;
    // Counted for any email, so a refusal says nothing about whether it has an account.
    const wait = Math.max(perAddress.check(address), perEmail.check(email));
    if (wait > 0) throw tooMany(wait, 'requests for a new password');
    perAddress.record(address);
    perEmail.record(email);
    // Answered before the account is even looked up: the reply and its timing are the same either way.
    setImmediate(() => void resets.send(email));
    return { body: { message: RESET_REQUESTED } };
  });

  serveRoute(router, routes.passwordResetLink, async (ctx) => {
    const reset = await app.storage.findPasswordReset(hashToken(ctx.params.token), app.now());
    if (!reset) throw LINK_INVALID;
    return { body: { expiresAt: reset.expiresAt } };
  });

  serveRoute(router, routes.resetPassword, async (ctx) => {
    const { password } = (await ctx.input()).body;
    const tokenHash = hashToken(ctx.params.token);
    const reset = await app.storage.findPasswordReset(tokenHash, app.now());
    if (!reset) throw LINK_INVALID;
    const user = await app.storage.findUserById(reset.userId);
    if (!user) throw LINK_INVALID;
    const problem = passwordProblem(password, user.email, user.name);
    if (problem) throw new HttpError(422, 'weak_password', problem);
    const hash = await app.passwords.hash(password);
    // Checked again in the transaction: of two uses at once, one wins.
    const result = await app.storage.redeemPasswordReset(tokenHash, hash, app.now());
    if (!result.ok) throw LINK_INVALID;
    closeSessionSockets(app.relay, result.endedSessions, 'password reset');
    app.loginGuard.rememberAddress(user.email, clientAddress(ctx.req, app.trustProxy));
    // This browser's session, if it had one, ended with the others.
    return { headers: { 'set-cookie': clearedSessionCookie(app.secureCookies) } };
  });
}
