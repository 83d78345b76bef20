import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../AppContext.js';
import { HttpError } from '../http/HttpError.js';
import type { User } from '../storage/AccountStore.js';
import { SESSION_COOKIE, cookieName, hashToken, readCookie } from './sessionTokens.js';

/** How often a session's "last seen" is written. */
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

export interface Authenticated {
  user: User;
  sessionId: string;
  tokenHash: string;
  /** When the session ends (ms since the epoch); the relay closes its sockets then. */
  expiresAt: number;
}

/** The signed-in user behind a request's session cookie, or null. */
export async function authenticate(app: AppContext, req: IncomingMessage): Promise<Authenticated | null> {
  // Over https only the __Host- cookie counts: a plain `duet_session` there may have been planted.
  const token = readCookie(req.headers.cookie, cookieName(SESSION_COOKIE, app.secureCookies));
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const session = await app.storage.findSession(tokenHash);
  if (!session) return null;
  if (session.expiresAt <= app.now()) {
    await app.storage.deleteSession(tokenHash);
    return null;
  }
  // Seen lately, for the list of signed-in devices; written at most every few minutes, not on every request.
  const now = app.now();
  if (session.lastSeenAt === null || now - session.lastSeenAt >= LAST_SEEN_EVERY_MS) {
    // Only a nicety: a disk that cannot take the write must not turn a read away.
    await app.storage.touchSession(session.id, now).catch(() => undefined);
  }
  const user = await app.storage.findUserById(session.userId);
  return user ? { user, sessionId: session.id, tokenHash, expiresAt: session.expiresAt } : null;
}

export async function requireUser(app: AppContext, req: IncomingMessage): Promise<Authenticated> {
  const auth = await authenticate(app, req);
  if (!auth) throw new HttpError(401, 'not_logged_in', 'Please log in to continue.');
  return auth;
}

export function publicUser(user: User): { id: string; name: string; email: string } {
  return { id: user.id, name: user.name, email: user.email };
}
