import { RateLimiter } from './RateLimiter.js';
import { RecentKeys } from './RecentKeys.js';

const MINUTE = 60_000;

/** The login limits, in failed attempts per window. */
export const LOGIN_LIMITS = {
  /** One account from one address (IPv6: one /64). */
  perAccountAndAddress: { limit: 10, windowMs: 15 * MINUTE },
  /** One account from one device that has logged in to it before; replaces the limits below for that device. */
  perAccountAndKnownDevice: { limit: 10, windowMs: 15 * MINUTE },
  /** One address over all accounts: guessing a common password against many accounts. */
  perAddress: { limit: 30, windowMs: 15 * MINUTE },
  /** One account from every device and address that has never logged in to it: guessing from many addresses. */
  perAccountFromNewPlaces: { limit: 20, windowMs: 60 * MINUTE },
} as const;

/** How long a successful login makes its address known for that account. */
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE;
/** Keys each limit remembers: a few MB at most, and enough that evicting someone else's count takes a long flood. */
const MAX_KEYS = 50_000;

/** Who is trying to log in to which account: the inputs of the limits. */
export interface LoginAttempt {
  /** The email as typed (lowercased), whether or not such an account exists, so limits reveal nothing. */
  account: string;
  /** `clientAddress` of the request. */
  address: string;
  /** The device id when the request carries a device cookie that this account logged in with; else null. */
  knownDevice: string | null;
}

/** Which limit refused an attempt, so the message can say what to do. */
export type LoginLimit = 'attempts' | 'address' | 'account';

type Counter = readonly [RateLimiter, string, LoginLimit];

/** The attempts `admit` counted, to be settled once the password has been checked (or could not be). */
export interface LoginTicket {
  readonly attempt: LoginAttempt;
  readonly counted: readonly Counter[];
}

export type Admission = { admitted: true; ticket: LoginTicket } | { admitted: false; waitSeconds: number; limit: LoginLimit };

const limiter = ({ limit, windowMs }: { limit: number; windowMs: number }, now: () => number) => new RateLimiter(limit, windowMs, now, MAX_KEYS);

/**
 * Decides whether a login attempt may reach the password hash, and counts it
 * before it does: the check and the count happen in one synchronous step, so
 * the eleventh of 500 parallel guesses is refused without costing any scrypt.
 * A correct password gives its attempt back.
 *
 * The limits are shaped so that strangers cannot lock an owner out. A
 * guesser's failures count against their own address for that account (and
 * against their address over all accounts), which the owner elsewhere never
 * meets. Guessing from many addresses is slowed by an account-wide limit, and
 * that limit does not apply where the owner has logged in before: on a device
 * carrying the account's device cookie (which has its own per-device limit)
 * or from an address that logged in to the account in the last 30 days. A
 * stranger can at worst keep the account's brand-new devices waiting, for at
 * most an hour at a time.
 */
export class LoginGuard {
  private readonly perAccountAndAddress: RateLimiter;
  private readonly perAccountAndKnownDevice: RateLimiter;
  private readonly perAddress: RateLimiter;
  private readonly perAccountFromNewPlaces: RateLimiter;
  private readonly knownAddresses: RecentKeys;

  constructor(now: () => number = Date.now) {
    this.perAccountAndAddress = limiter(LOGIN_LIMITS.perAccountAndAddress, now);
    this.perAccountAndKnownDevice = limiter(LOGIN_LIMITS.perAccountAndKnownDevice, now);
    this.perAddress = limiter(LOGIN_LIMITS.perAddress, now);
    this.perAccountFromNewPlaces = limiter(LOGIN_LIMITS.perAccountFromNewPlaces, now);
    this.knownAddresses = new RecentKeys(KNOWN_ADDRESS_MS, MAX_KEYS, now);
  }

  admit(attempt: LoginAttempt): Admission {
    const counters = this.countersFor(attempt);
    let refusal: { waitSeconds: number; limit: LoginLimit } | null = null;
    for (const [rateLimiter, key, limit] of counters) {
      const waitSeconds = rateLimiter.check(key);
      if (waitSeconds > (refusal?.waitSeconds ?? 0)) refusal = { waitSeconds, limit };
    }
    if (refusal) return { admitted: false, ...refusal };
    for (const [rateLimiter, key] of counters) rateLimiter.record(key);
    return { admitted: true, ticket: { attempt, counted: counters } };
  }

  /**
   * The password was right: this attempt was no guess, the owner's own earlier
   * typos here are forgiven, and this address is now known for the account.
   * Counts that strangers share (the address over all accounts, the
   * account-wide one) are only given this attempt back: a guesser must not
   * clear them by logging in to an account of their own.
   */
  succeeded(ticket: LoginTicket): void {
    this.notJudged(ticket);
    const { attempt } = ticket;
    if (attempt.knownDevice) this.perAccountAndKnownDevice.reset(deviceKey(attempt));
    else this.perAccountAndAddress.reset(pairKey(attempt));
    this.rememberAddress(attempt.account, attempt.address);
  }

  /** The password was never checked (the server was busy, or failed): the attempt does not count. */
  notJudged(ticket: LoginTicket): void {
    for (const [rateLimiter, key] of ticket.counted) rateLimiter.giveBack(key);
  }

  /** A sign-up is the first login of an account, from its owner's address. */
  rememberAddress(account: string, address: string): void {
    this.knownAddresses.add(pairKey({ account, address }));
  }

  private countersFor(attempt: LoginAttempt): Counter[] {
    if (attempt.knownDevice) return [[this.perAccountAndKnownDevice, deviceKey(attempt), 'attempts']];
    const counters: Counter[] = [
      [this.perAccountAndAddress, pairKey(attempt), 'attempts'],
      [this.perAddress, attempt.address, 'address'],
    ];
    if (!this.knownAddresses.has(pairKey(attempt))) counters.push([this.perAccountFromNewPlaces, attempt.account, 'account']);
    return counters;
  }
}

// Addresses and device ids never contain a newline, so a key's last line names
// them and no email, whatever it holds, makes one key stand for another.
const pairKey = (a: { account: string; address: string }) => `${a.account}\n${a.address}`;
const deviceKey = (a: LoginAttempt) => `${a.account}\n${a.knownDevice}`;
