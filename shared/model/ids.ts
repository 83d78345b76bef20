const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A random 21-character URL-safe id (126 bits). Made on whichever side creates
 * the thing, so a client can create entries offline without collisions.
 */
export function newId(): string {
  const bytes = new Uint8Array(21);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Whether `id` is an id Duet accepts from a client: 8 to 64 of `A-Z a-z 0-9 _ -`
 * (so never a `/`, which separates ids in room names and record keys).
 */
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
