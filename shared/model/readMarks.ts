/**
 * What each member has read of an entry's comments: in the entry's comments
 * document, `getMap('reads')` from user id to the server time of the newest
 * partner comment they have seen. Only the server writes it (through the API),
 * each person only their own mark, so every device of theirs agrees on what is
 * new. Times are the server's own `createdAt` values: a device clock that is
 * off does not matter.
 */
export const READS_FIELD = 'reads';

/**
 * The mark after a request to move it to `requested`: it never goes back
 * (requests from two devices may arrive in any order) and never past `now`
 * (nothing written later can be "already read").
 */
export function nextReadMark(current: number | undefined, requested: number, now: number): number {
  return Math.max(current ?? 0, Math.min(requested, now));
}
