import type { IncomingMessage } from 'node:http';
import { routes } from '#shared/api/routes.js';
import { newId } from '#shared/model/ids.js';
import type { AppContext } from '../../AppContext.js';
import { authenticate, publicUser, requireUser } from '../../auth/authenticate.js';
import { deviceLabel } from '../../auth/deviceLabel.js';
import { type Device, deviceCookieFor, deviceKnows, readDevice } from '../../auth/deviceCookie.js';
import type { LoginLimit } from '../../auth/LoginGuard.js';
import { DECOY_PASSWORD_HASH, passwordProblem } from '../../auth/passwords.js';
import { SESSION_TTL_MS, clearedSessionCookie, hashToken, newToken, sessionCookie } from '../../auth/sessionTokens.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { EmailTakenError, type User } from '../../storage/AccountStore.js';
import { HttpError } from '../HttpError.js';
import { clientAddress } from '../requestOrigin.js';
import type { Router } from '../Router.js';
import { type DeclaredReply, serveRoute } from '../serveRoute.js';

/** 429 with Retry-After, and a message that says how long to wait. */
export function tooMany(seconds: number, what: string, advice = ''): HttpError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new HttpError(429, 'rate_limited', `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}${advice}.`, {
    'retry-after': String(seconds),
  });
}

const LOGIN_REFUSALS: Record<LoginLimit, [what: string, advice?: string]> = {
  attempts: ['failed login attempts'],
  address: ['failed login attempts from this network'],
  account: ['failed attempts to log in to this account from new devices', ', or log in on a device you have used before'],
};

/** Logs `user` in on this device: a session, and the device cookie that says this account has logged in here. */
async function startSession(app: AppContext, req: IncomingMessage, user: User, status: number, device: Device | null): Promise<DeclaredReply<typeof routes.logIn>> {
  const token = newToken();
  const now = app.now();
  const label = deviceLabel(req.headers['user-agent']);
  await app.storage.createSession({ id: newId(), tokenHash: hashToken(token), userId: user.id, expiresAt: now + SESSION_TTL_MS, createdAt: now, device: label });
  return {
    status,
    body: { user: publicUser(user) },
    headers: { 'set-cookie': [sessionCookie(token, app.secureCookies), deviceCookieFor(device, user, app.secureCookies)] },
  };
}

export function accountRoutes(app: AppContext, router: Router): void {
  serveRoute(router, routes.signUp, async (ctx) => {
    const address = clientAddress(ctx.req, app.trustProxy);
    const wait = app.signupLimiter.check(address);
    if (wait > 0) throw tooMany(wait, 'sign-ups from this address');
    app.signupLimiter.record(address);
    const { name, email, password } = (await ctx.input()).body;
    const problem = passwordProblem(password, email, name);
    if (problem) throw new HttpError(422, 'weak_password', problem);
    let passwordHash: string;
    try {
      passwordHash = await app.passwords.hash(password);
    } catch (error) {
      // Refused for lack of hashing capacity: the person did nothing that should count against them.
      app.signupLimiter.giveBack(address);
      throw error;
    }
    const user: User = { id: newId(), name, email, passwordHash, createdAt: app.now() };
    try {
      await app.storage.createUser(user);
    } catch (error) {
      if (error instanceof EmailTakenError) {
        throw new HttpError(409, 'email_taken', 'An account with this email already exists. Log in instead, or choose “Forgot your password?” there.');
      }
      throw error;
    }
    app.loginGuard.rememberAddress(email, address);
    return startSession(app, ctx.req, user, 201, readDevice(ctx.req.headers.cookie, app.secureCookies));
  });

  serveRoute(router, routes.logIn, async (ctx) => {
    const { email, password } = (await ctx.input()).body;
    // Looked up before the limits, which depend on whether this device knows
    // the account; an unknown email takes the same path and learns nothing.
    const user = await app.storage.findUserByEmail(email);
    const device = readDevice(ctx.req.headers.cookie, app.secureCookies);
    const admission = app.loginGuard.admit({
      account: email,
      address: clientAddress(ctx.req, app.trustProxy),
      knownDevice: device && deviceKnows(device, user) ? device.id : null,
    });
    if (!admission.admitted) throw tooMany(admission.waitSeconds, ...LOGIN_REFUSALS[admission.limit]);
    const { ticket } = admission;
    let ok: boolean;
    try {
      ok = await app.passwords.verify(password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
    } catch (error) {
      app.loginGuard.notJudged(ticket);
      throw error;
    }
    if (!user || !ok) throw new HttpError(401, 'wrong_credentials', 'That email and password do not match an account.');
    app.loginGuard.succeeded(ticket);
    return startSession(app, ctx.req, user, 200, device);
  });

  serveRoute(router, routes.logOut, async (ctx) => {
    const auth = await authenticate(app, ctx.req);
    if (auth) {
      await app.storage.deleteSession(auth.tokenHash);
      app.relay.disconnectWhere((peer) => peer.sessionId === auth.sessionId, CloseCode.Unauthorized, 'logged out');
    }
    return { status: 204, headers: { 'set-cookie': clearedSessionCookie(app.secureCookies) } };
  });

  serveRoute(router, routes.me, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const journals = await app.storage.listJournalsOf(user.id);
    return {
      status: 200,
      body: {
        user: publicUser(user),
        journals: journals.map((j) => ({ id: j.id, title: j.title, role: j.role, ownerId: j.ownerId, createdAt: j.createdAt })),
      },
    };
  });
}
