import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from '../storage/AccountStore.js';
import { cookieName, readCookie } from './sessionTokens.js';

/**
 * A browser that has logged in to an account before carries a device cookie
 * saying so, and gets past the account-wide login limit that strangers can
 * trip (see LoginGuard). The cookie holds a random device id and, for each
 * account that logged in on it, a tag: an HMAC of the id keyed with that
 * account's password hash. So no secret has to be configured, a tag survives
 * restarts, nobody can make one without the password hash, and a new
 * password retires every tag. It is no credential: it never logs anyone in,
 * so logging out leaves it in place.
 */
export const DEVICE_COOKIE = 'duet_device';
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/** A browser shared by a few people remembers the last few accounts. */
const MAX_ACCOUNTS = 5;
const PART = '[A-Za-z0-9_-]{22}';
const COOKIE_PATTERN = new RegExp(`^${PART}(\\.${PART}){0,${MAX_ACCOUNTS}}$`);

export interface Device {
  id: string;
  tags: string[];
}

export function readDevice(cookieHeader: string | undefined, secure: boolean): Device | null {
  const value = readCookie(cookieHeader, cookieName(DEVICE_COOKIE, secure));
  if (!value || !COOKIE_PATTERN.test(value)) return null;
  const [id, ...tags] = value.split('.');
  return { id, tags };
}

function tagFor(deviceId: string, user: User): string {
  return createHmac('sha256', user.passwordHash).update(`duet device\n${deviceId}`).digest().subarray(0, 16).toString('base64url');
}

/** Whether this account has logged in on this device before (with its current password). */
export function deviceKnows(device: Device | null, user: User | null): boolean {
  if (!device || !user) return false;
  const expected = Buffer.from(tagFor(device.id, user));
  return device.tags.some((tag) => {
    const actual = Buffer.from(tag);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
}

/** The Set-Cookie value that adds `user` to the accounts this device knows. */
export function deviceCookieFor(device: Device | null, user: User, secure: boolean): string {
  const id = device?.id ?? randomBytes(16).toString('base64url');
  const tag = tagFor(id, user);
  const tags = [...(device?.tags ?? []).filter((t) => t !== tag), tag].slice(-MAX_ACCOUNTS);
  // Strict: only Duet's own pages ever log in, so no other site needs to send it.
  return `${cookieName(DEVICE_COOKIE, secure)}=${[id, ...tags].join('.')}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`;
}
