import type { DocStore, PendingUpdate } from '../storage/DocStore.js';

/**
 * The state of the document a write was taken from. Each write of a document
 * is applied on top of the ones before it, so once one of them fails the
 * writer sets `lost`: every write of that document still queued may build on
 * the failed one, and storing it would leave storage with an update whose
 * base it lacks. The writer starts a new base once its document again holds
 * exactly what storage holds (a reload).
 */
export interface WriteBase {
  readonly lost: boolean;
}

/** Rejects a write withdrawn before it reached storage because its base was lost (see WriteBase). */
export class WriteWithdrawn extends Error {
  constructor(doc: string) {
    super(`an update of ${doc} was not stored: a write it may build on failed`);
    this.name = 'WriteWithdrawn';
  }
}

interface Waiting extends PendingUpdate {
  base: WriteBase | undefined;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

/**
 * Groups the updates that arrive while a write is in flight (or within one
 * turn of the event loop) into one storage transaction, so durability before
 * broadcast costs one commit per batch rather than one per keystroke.
 *
 * Batches are written one at a time, in order, so a write is either in the
 * batch of an earlier write of its document or in a later one. When a batch
 * fails, its writers hear of it (in the promise callbacks) before the next
 * batch is taken (on a later turn), and the next batch leaves out every write
 * whose base they have marked lost.
 */
export class WriteBatcher {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;

  constructor(private readonly store: Pick<DocStore, 'appendUpdates'>) {}

  /**
   * Resolves with the update's sequence number once it is durable (with
   * `owners`, see PendingUpdate); rejects with the storage error if its batch
   * fails, or with WriteWithdrawn, unwritten, if `base` is lost before its
   * batch is taken.
   */
  write(doc: string, update: Uint8Array, owners?: PendingUpdate['owners'], base?: WriteBase): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, update, owners, base, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far is written (or has failed). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing || this.scheduled) {
      if (this.flushing) await this.flushing;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate lets every frame already read from the sockets join this batch, and lets
    // the writers of a batch that failed mark their bases lost before the next batch is taken.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch: Waiting[] = [];
    for (const waiting of this.queue) {
      if (waiting.base?.lost) waiting.reject(new WriteWithdrawn(waiting.doc));
      else batch.push(waiting);
    }
    this.queue = [];
    if (batch.length === 0) return;
    try {
      const seqs = await this.store.appendUpdates(batch.map(({ doc, update, owners }) => ({ doc, update, owners })));
      batch.forEach((w, i) => w.resolve(seqs[i]));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
