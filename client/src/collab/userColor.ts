/**
 * Caret colours. Each has at least 4.5:1 contrast against white, so a caret is
 * visible on the page and white label text on it stays readable. They are hex
 * because the caret extension ignores anything but #rrggbb.
 */
const PALETTE = [
  '#b4235f', // rose
  '#1f6f8b', // lake
  '#6d44a8', // violet
  '#2e7d32', // fern
  '#a84f13', // amber
  '#00707a', // teal
  '#4a55a2', // indigo
  '#9c2f8f', // plum
  '#5b6b12', // olive
  '#8b3a3a', // brick
] as const;

/** The same user gets the same colour on every device, so partners learn each other's colour. */
export function userColor(userId: string): string {
  // FNV-1a: tiny, and spreads similar ids across the palette.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length];
}
