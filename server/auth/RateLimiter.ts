/**
 * Counts failures per key in a fixed window. Kept in memory: it protects one
 * process from password guessing; a multi-process deployment would move it
 * to Redis beside the relay fan-out.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    /** The most keys remembered; the oldest are forgotten first, so a flood of keys costs bounded memory. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds to wait before `key` may try again, or 0. Counts nothing. */
  check(key: string): number {
    const entry = this.hits.get(key);
    const now = this.now();
    if (!entry || entry.resetAt <= now || entry.count < this.limit) return 0;
    return Math.ceil((entry.resetAt - now) / 1000);
  }

  /**
   * Records one failure (or, for limits on attempts, one attempt). To count an
   * attempt before expensive work, call `check` and `record` in the same
   * synchronous step: with an `await` between them, parallel requests all pass
   * the check before any is recorded.
   */
  record(key: string): void {
    const now = this.now();
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.delete(key);
      entry = { count: 0, resetAt: now + this.windowMs };
      this.forgetOldest();
      this.hits.set(key, entry);
    }
    entry.count++;
  }

  /** Takes back one recorded attempt that turned out not to count (it succeeded, or was never judged). */
  giveBack(key: string): void {
    const entry = this.hits.get(key);
    if (entry && entry.count > 0) entry.count--;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private forgetOldest(): void {
    // Map keeps insertion order, and a key is re-inserted when its window restarts.
    for (const key of this.hits.keys()) {
      if (this.hits.size < this.maxKeys) return;
      this.hits.delete(key);
    }
  }
}
