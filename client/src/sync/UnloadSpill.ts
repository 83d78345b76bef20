import { fromBase64, toBase64 } from 'lib0/buffer';
import type { SpillStorage } from './ports';

const PREFIX = 'duet:spill:';

/**
 * The last changes of a page being closed. Device writes take a few
 * milliseconds and more than one task, and a page that is being unloaded runs
 * no more tasks: a reload or a link followed right after typing lost the last
 * keystrokes. When the page hides, the updates not yet committed are copied
 * here instead, synchronously, and the next load of the document takes them
 * back and stores them properly.
 */
export class UnloadSpill {
  constructor(private readonly storage: SpillStorage) {}

  /** Adds `updates` to what is kept for `doc`; false when the storage refused (full or blocked). */
  spill(doc: string, updates: readonly Uint8Array[]): boolean {
    if (updates.length === 0) return true;
    try {
      const kept = JSON.parse(this.storage.getItem(PREFIX + doc) ?? '[]') as string[];
      this.storage.setItem(PREFIX + doc, JSON.stringify([...kept, ...updates.map((u) => toBase64(u))]));
      return true;
    } catch {
      return false;
    }
  }

  /** Takes (and removes) what a closed page left for `doc`. */
  take(doc: string): Uint8Array[] {
    try {
      const text = this.storage.getItem(PREFIX + doc);
      if (text === null) return [];
      this.storage.removeItem(PREFIX + doc);
      return (JSON.parse(text) as string[]).map((s) => fromBase64(s));
    } catch {
      return [];
    }
  }

  /** Logout: nothing of the account stays behind. */
  forgetAll(): void {
    try {
      const doomed: string[] = [];
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(PREFIX)) doomed.push(key);
      }
      for (const key of doomed) this.storage.removeItem(key);
    } catch {
      // Nothing stored.
    }
  }
}
