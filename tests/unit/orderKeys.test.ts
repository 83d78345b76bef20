import { describe, expect, it } from 'vitest';
import { isOrderKey, keyBetween, MAX_ORDER_KEY_CHARS, needsRespacing, spacedKeys } from '#shared/model/orderKeys.js';
import { seededRandom } from '../helpers/seededRandom.js';

describe('order keys', () => {
  it('makes a key strictly between any two, at either end, and in an empty list', () => {
    expect(isOrderKey(keyBetween(null, null))).toBe(true);
    const pairs: [string | null, string | null][] = [
      [null, '1'],
      [null, '01'],
      [null, 'V'],
      ['z', null],
      ['zz', null],
      ['a', 'b'],
      ['a', 'a1'],
      ['a01', 'a1'],
      ['V', 'V01'],
      ['0z', '1'],
      ['y', 'z'],
      ['yz', 'z'],
    ];
    for (const [low, high] of pairs) {
      const key = keyBetween(low, high);
      expect(isOrderKey(key), `${low}..${high} gave ${key}`).toBe(true);
      if (low !== null) expect(key > low, `${key} > ${low}`).toBe(true);
      if (high !== null) expect(key < high, `${key} < ${high}`).toBe(true);
    }
  });

  it('refuses neighbours out of order and strings that are not keys', () => {
    expect(() => keyBetween('b', 'a')).toThrow(RangeError);
    expect(() => keyBetween('a', 'a')).toThrow(RangeError);
    expect(() => keyBetween('a0', null)).toThrow(RangeError);
    expect(isOrderKey('')).toBe(false);
    expect(isOrderKey('a-b')).toBe(false);
    expect(isOrderKey('V'.repeat(MAX_ORDER_KEY_CHARS + 1))).toBe(false);
    expect(isOrderKey(42)).toBe(false);
  });

  it('stays short when a list grows at its ends, and says when to spread out', () => {
    let last: string | null = null;
    let first: string | null = null;
    for (let i = 0; i < 1_000; i++) {
      last = keyBetween(last, null);
      first = keyBetween(null, first);
    }
    expect(last!.length).toBeLessThanOrEqual(20);
    expect(first!.length).toBeLessThanOrEqual(20);
    // Dropping into the same gap over and over grows a key by about a character per six moves.
    let low = 'a';
    const high = 'b';
    for (let i = 0; i < 400; i++) low = keyBetween(low, high);
    expect(needsRespacing(low)).toBe(true);
    expect(isOrderKey(low)).toBe(true);
  });

  it('keeps any sequence of random insertions in order', () => {
    const random = seededRandom(7);
    const keys: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const at = Math.floor(random() * (keys.length + 1));
      const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      keys.splice(at, 0, key);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('spreads a whole list evenly with short increasing keys', () => {
    for (const count of [0, 1, 2, 61, 62, 1_000]) {
      const keys = spacedKeys(count);
      expect(keys).toHaveLength(count);
      expect(keys.every(isOrderKey)).toBe(true);
      expect([...keys].sort()).toEqual(keys);
      expect(new Set(keys).size).toBe(count);
      expect(keys.every((key) => key.length <= 2)).toBe(true);
    }
  });
});
