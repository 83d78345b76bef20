import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../server/auth/RecentKeys.js';

describe('RecentKeys', () => {
  it('forgets a key when its time is up', () => {
    let now = 0;
    const keys = new RecentKeys(1000, 10, () => now);
    keys.add('home');
    now = 999;
    expect(keys.has('home')).toBe(true);
    now = 1000;
    expect(keys.has('home')).toBe(false);
  });

  it('keeps at most maxKeys, forgetting the least recently added', () => {
    const keys = new RecentKeys(1000, 3, () => 0);
    keys.add('a');
    keys.add('b');
    keys.add('c');
    keys.add('a'); // refreshed: now the newest
    keys.add('d');
    expect(['a', 'b', 'c', 'd'].map((k) => keys.has(k))).toEqual([true, false, true, true]);
    for (let i = 0; i < 1000; i++) keys.add(`flood-${i}`);
    expect(keys.has('a')).toBe(false);
    expect(keys.has('flood-999')).toBe(true);
  });
});
