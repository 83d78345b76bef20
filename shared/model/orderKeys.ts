/**
 * Order keys ("fractional indexing") for lists that two devices reorder at
 * once. Each item carries its own key and the list is sorted by key (then by
 * id, the tie-break every device agrees on). Moving an item rewrites only that
 * item's key to one between its new neighbours', so two people moving items at
 * the same moment, online or offline, can never duplicate or lose one: each
 * item has exactly one key, and the last write to it wins.
 *
 * A key is a string of base-62 digits read as a fraction 0.d1d2d3… in (0, 1),
 * never ending in the zero digit, so plain string comparison is numeric order.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = DIGITS[0];
const LAST = DIGITS.length - 1;

/**
 * The longest key a document accepts. Keys grow by about one character for
 * every six moves into the same gap; far beyond what a person does by hand,
 * and `needsRespacing` tells a writer when to spread keys out again.
 */
export const MAX_ORDER_KEY_CHARS = 128;

/** Past this length a writer spreads the whole list's keys out again (`spacedKeys`). */
export const RESPACE_AFTER_CHARS = 48;

const KEY_PATTERN = new RegExp(`^[0-9A-Za-z]{0,${MAX_ORDER_KEY_CHARS - 1}}[1-9A-Za-z]$`);

export function isOrderKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value);
}

const digit = (key: string, at: number) => DIGITS.indexOf(key[at] ?? ZERO);

/** A key strictly between `a` ('' for 0) and `b` (null for 1), both valid and a < b. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Keep the common prefix (`a` read with trailing zeros) and split the rest.
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = a.length > 0 ? digit(a, 0) : 0;
  const high = b !== null ? digit(b, 0) : DIGITS.length;
  if (high - low > 1) return DIGITS[Math.round((low + high) / 2)];
  // Neighbouring digits: a longer `b` has room right at its first digit; otherwise go one digit deeper after `a`'s.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[low] + midpoint(a.slice(1), null);
}

/** A short key after `a`: its first digit that can grow, grown by one (so appending adds a character only every 61 items). */
function keyAfter(a: string): string {
  for (let i = 0; i < a.length; i++) {
    const d = digit(a, i);
    if (d < LAST) return a.slice(0, i) + DIGITS[d + 1];
  }
  return `${a}${DIGITS[1]}`;
}

/** A short key before `b`: its first non-zero digit, less one (a zero digit cannot end a key, so it gets the top digit after it). */
function keyBefore(b: string): string {
  for (let i = 0; i < b.length; i++) {
    const d = digit(b, i);
    if (d === 0) continue;
    return d > 1 ? b.slice(0, i) + DIGITS[d - 1] : `${b.slice(0, i)}${ZERO}${DIGITS[LAST]}`;
  }
  throw new RangeError(`not an order key: ${b}`);
}

/**
 * A key that sorts after `before` and before `after` (null: no neighbour on
 * that side). Throws when `before` is not less than `after`.
 */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && !isOrderKey(before)) throw new RangeError(`not an order key: ${before}`);
  if (after !== null && !isOrderKey(after)) throw new RangeError(`not an order key: ${after}`);
  if (before !== null && after !== null && before >= after) throw new RangeError(`${before} is not before ${after}`);
  if (before === null && after === null) return DIGITS[DIGITS.length >> 1];
  if (before === null) return keyBefore(after!);
  if (after === null) return keyAfter(before);
  return midpoint(before, after);
}

/** Whether a key has grown long enough that the list's keys should be spread out again. */
export function needsRespacing(key: string): boolean {
  return key.length > RESPACE_AFTER_CHARS;
}

/** `count` short keys in increasing order, evenly spread over (0, 1): for writing a whole list's order afresh. */
export function spacedKeys(count: number): string[] {
  let width = 1;
  while (DIGITS.length ** width <= count) width++;
  const span = DIGITS.length ** width;
  const keys: string[] = [];
  for (let i = 1; i <= count; i++) {
    let value = Math.floor((i * span) / (count + 1));
    let key = '';
    for (let w = 0; w < width; w++) {
      key = DIGITS[value % DIGITS.length] + key;
      value = Math.floor(value / DIGITS.length);
    }
    keys.push(key.replace(/0+$/, ''));
  }
  return keys;
}
