import { HttpError } from '../http/HttpError.js';
import { ConcurrencyGate, GateFullError } from './ConcurrencyGate.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** How many scrypt hashes run at once. Node's thread pool has 4 threads, shared with file reads and DNS. */
export const HASHING_CONCURRENCY = 2;
/** How many logins and sign-ups may wait for a hashing slot (about a second of waiting) before Duet answers 503. */
export const HASHING_QUEUE = 10;
const RETRY_AFTER_SECONDS = 5;

/**
 * Every password hash of the server goes through here. scrypt runs on libuv's
 * small thread pool; a flood of logins filled it, and serving the app's files,
 * which reads files on the same pool, took 22 s for everyone. At most
 * HASHING_CONCURRENCY hashes run at once, a few more wait, and the rest are
 * refused at once with 503 `busy`.
 */
export class PasswordHasher {
  private readonly gate = new ConcurrencyGate(HASHING_CONCURRENCY, HASHING_QUEUE);

  hash(password: string): Promise<string> {
    return this.guarded(() => hashPassword(password));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.guarded(() => verifyPassword(password, stored));
  }

  private async guarded<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.gate.run(task);
    } catch (error) {
      if (!(error instanceof GateFullError)) throw error;
      throw new HttpError(503, 'busy', 'Duet is handling many logins right now. Try again in a few seconds.', {
        'retry-after': String(RETRY_AFTER_SECONDS),
      });
    }
  }
}
