/**
 * Entries this tab has just created, with when. The entry page puts the caret
 * in the title of a fresh entry, but not when an existing one is opened
 * (where the reader may only want to read). Reading does not consume the
 * mark, so React StrictMode's double render sees the same answer.
 */
const createdAt = new Map<string, number>();

const FRESH_FOR_MS = 60_000;

export function markFresh(entryId: string): void {
  createdAt.set(entryId, Date.now());
}

export function isFresh(entryId: string): boolean {
  const at = createdAt.get(entryId);
  return at !== undefined && Date.now() - at < FRESH_FOR_MS;
}
