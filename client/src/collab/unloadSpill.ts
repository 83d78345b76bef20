/**
 * The last changes of a page being closed. Device writes go to IndexedDB a
 * few milliseconds later and take more than one task, and a page that is
 * being unloaded runs no more tasks: a reload or a link followed right after
 * typing lost the last keystrokes. At `pagehide` the updates not yet
 * committed are copied here instead, synchronously (localStorage), and the
 * next load of the document takes them back and stores them properly.
 */
const PREFIX = 'duet:spill:';

function encode(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function decode(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Adds `updates` to what is kept for `doc`; false when localStorage refused (full or blocked). */
export function spillUpdates(doc: string, updates: Uint8Array[]): boolean {
  if (updates.length === 0) return true;
  try {
    const kept = JSON.parse(localStorage.getItem(PREFIX + doc) ?? '[]') as string[];
    localStorage.setItem(PREFIX + doc, JSON.stringify([...kept, ...updates.map(encode)]));
    return true;
  } catch {
    return false;
  }
}

/** Takes (and removes) what a closed page left for `doc`. */
export function takeSpilledUpdates(doc: string): Uint8Array[] {
  try {
    const text = localStorage.getItem(PREFIX + doc);
    if (text === null) return [];
    localStorage.removeItem(PREFIX + doc);
    return (JSON.parse(text) as string[]).map(decode);
  } catch {
    return [];
  }
}

/** Logout: nothing of the account stays behind. */
export function forgetSpills(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
