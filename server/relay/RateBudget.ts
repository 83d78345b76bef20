import type { RateLimits } from '#shared/protocol/limits.js';

/**
 * Token buckets for one person's messages and bytes. Time comes from the
 * caller (milliseconds), so the relay core stays free of clocks it cannot
 * control in tests.
 */
export class RateBudget {
  private messages: number;
  private bytes: number;
  private last: number;

  constructor(
    private readonly rate: RateLimits,
    now: number,
  ) {
    this.messages = rate.burstMessages;
    this.bytes = rate.burstBytes;
    this.last = now;
  }

  /** Spends one message of `size` bytes; false when the budget is spent. */
  take(size: number, now: number): boolean {
    const seconds = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.messages = Math.min(this.rate.burstMessages, this.messages + seconds * this.rate.messagesPerSecond);
    this.bytes = Math.min(this.rate.burstBytes, this.bytes + seconds * this.rate.bytesPerSecond);
    this.messages -= 1;
    this.bytes -= size;
    return this.messages >= 0 && this.bytes >= 0;
  }
}
