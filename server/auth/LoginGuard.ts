import { RateLimiter } from './RateLimiter.js';

/** Who is trying to log in to which account: the inputs of the limits. */
export interface LoginAttempt {
  /** The email as typed (lowercased), whether or not such an account exists, so limits reveal nothing. */
  account: string;
  /** `clientAddress` of the request. */
  address: string;
}

/** The attempts `admit` counted, to be settled once the password has been checked (or could not be). */
export interface LoginTicket {
  readonly counted: readonly (readonly [RateLimiter, string])[];
  /** Counters that a correct password clears, not only gives this attempt back to. */
  readonly clearedBySuccess: readonly (readonly [RateLimiter, string])[];
}

export type Admission = { admitted: true; ticket: LoginTicket } | { admitted: false; waitSeconds: number };

const MINUTE = 60_000;

/**
 * Decides whether a login attempt may reach the password hash, and counts it
 * before it does. Counting only after the hash let 500 parallel guesses all
 * pass the check while the first ones were still hashing; here the check and
 * the count happen in one synchronous step, so the eleventh parallel guess is
 * refused without costing any scrypt. A correct password gives its attempt back.
 */
export class LoginGuard {
  private readonly perAddress: RateLimiter;
  private readonly perAccount: RateLimiter;

  constructor(now: () => number = Date.now) {
    this.perAddress = new RateLimiter(10, 15 * MINUTE, now);
    this.perAccount = new RateLimiter(10, 15 * MINUTE, now);
  }

  admit(attempt: LoginAttempt): Admission {
    const counters = [
      [this.perAddress, attempt.address],
      [this.perAccount, attempt.account],
    ] as const;
    const waitSeconds = Math.max(...counters.map(([limiter, key]) => limiter.check(key)));
    if (waitSeconds > 0) return { admitted: false, waitSeconds };
    for (const [limiter, key] of counters) limiter.record(key);
    // An address's count is only given back, never cleared: a guesser must not
    // wipe it by logging in to an account of their own between guesses.
    return { admitted: true, ticket: { counted: counters, clearedBySuccess: [[this.perAccount, attempt.account]] } };
  }

  /** The password was right: this attempt was no guess. */
  succeeded(ticket: LoginTicket): void {
    this.notJudged(ticket);
    for (const [limiter, key] of ticket.clearedBySuccess) limiter.reset(key);
  }

  /** The password was never checked (the server was busy, or failed): the attempt does not count. */
  notJudged(ticket: LoginTicket): void {
    for (const [limiter, key] of ticket.counted) limiter.giveBack(key);
  }
}
