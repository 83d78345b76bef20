import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes
// guessing with GPUs expensive while a login still takes well under 100 ms.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password into a self-describing string: `scrypt$N$r$p$salt$key`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A reason the password is too weak, in words a person can act on, or null. */
export function passwordProblem(password: string, email: string, name: string): string | null {
  if (password.length < 10) return 'Use at least 10 characters for your password.';
  if (password.length > 256) return 'Use at most 256 characters for your password.';
  const lowered = password.toLowerCase();
  if (lowered === email.toLowerCase() || lowered === name.toLowerCase()) {
    return 'Your password must not be your email or your name.';
  }
  if (new Set(password).size < 4) return 'Your password repeats too few characters; mix in more variety.';
  return null;
}

/**
 * A hash to verify against when the email is unknown, so timing does not
 * reveal which emails exist. It costs exactly what a real verification costs
 * and matches no password, and making it costs no scrypt: random bytes in
 * place of a key.
 */
export const DECOY_PASSWORD_HASH = ['scrypt', N, R, P, randomBytes(16).toString('base64url'), randomBytes(KEY_LENGTH).toString('base64url')].join('$');
