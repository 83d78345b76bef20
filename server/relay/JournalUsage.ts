import type { DocStore } from '../storage/DocStore.js';

export interface JournalQuota {
  bytes: number;
  documents: number;
}

/** Thrown by a server change that would take its journal past its quota. */
export class JournalFullError extends Error {
  constructor() {
    super('this journal has reached its storage limit');
  }
}

/**
 * How much one journal stores, read from storage when its first room loads
 * and counted up as the relay writes. Compaction makes the count an upper
 * bound; it is read afresh once the journal has no room loaded.
 */
export class JournalUsage {
  bytes = 0;
  docs = 0;
  /** Rooms of this journal that are loaded; the relay forgets the usage at zero. */
  rooms = 0;
  readonly ready: Promise<void>;

  constructor(
    store: DocStore,
    readonly journalId: string,
    private readonly quota: JournalQuota,
  ) {
    this.ready = store.usage(`${journalId}/`).then((usage) => {
      this.bytes += usage.bytes;
      this.docs += usage.docs;
    });
    this.ready.catch(() => {});
  }

  /** Whether `bytes` more (in a document not stored before, if `newDoc`) stay within the quota. */
  fits(bytes: number, newDoc: boolean): boolean {
    return this.bytes + bytes <= this.quota.bytes && (!newDoc || this.docs + 1 <= this.quota.documents);
  }

  add(bytes: number, newDoc: boolean): void {
    this.bytes += bytes;
    if (newDoc) this.docs++;
  }

  /** Puts right what a room counted that storage does not hold after all (a failed or withdrawn write). */
  correct(bytes: number, docs: number): void {
    this.bytes += bytes;
    this.docs += docs;
  }
}
