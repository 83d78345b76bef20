import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'duet_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A new secret for a cookie or an invite link: 256 random bits. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored only as hashes, so a leaked database does not hand out sessions or invites. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A cookie's name: over https with the `__Host-` prefix, which browsers only accept from this host, Secure, on Path=/. */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The session cookie. Over https it is `__Host-duet_session`: a browser takes
 * a `__Host-` cookie only from this exact host, over https, with Path=/ and no
 * Domain, so a sibling subdomain or someone on the network path cannot plant a
 * session of their choosing. Plain http keeps `duet_session`, since browsers
 * refuse `__Host-` cookies without Secure.
 */
export function sessionCookie(token: string, secure: boolean): string {
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  return `${cookieName(SESSION_COOKIE, secure)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${cookieName(SESSION_COOKIE, secure)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
