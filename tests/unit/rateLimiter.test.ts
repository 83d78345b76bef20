import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/auth/RateLimiter.js';

describe('RateLimiter', () => {
  it('refuses a key after its limit until the window ends', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('k')).toBe(0);
      limiter.record('k');
    }
    expect(limiter.check('k')).toBe(60);
    now = 60_000;
    expect(limiter.check('k')).toBe(0);
  });

  it('remembers a bounded number of keys, forgetting the oldest', () => {
    const limiter = new RateLimiter(1, 60_000, () => 0, 100);
    limiter.record('first');
    for (let i = 0; i < 1000; i++) limiter.record(`flood-${i}`);
    expect(limiter.check('first')).toBe(0);
    expect(limiter.check('flood-999')).toBeGreaterThan(0);
  });

  it('gives back an attempt that did not count', () => {
    const limiter = new RateLimiter(2, 60_000, () => 0);
    limiter.record('k');
    limiter.record('k');
    expect(limiter.check('k')).toBe(60);
    limiter.giveBack('k');
    expect(limiter.check('k')).toBe(0);
    limiter.giveBack('k');
    limiter.giveBack('k');
    limiter.record('k');
    expect(limiter.check('k')).toBe(0);
  });
});
