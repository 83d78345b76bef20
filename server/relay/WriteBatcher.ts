import type { DocStore, PendingUpdate } from '../storage/DocStore.js';

interface Waiting extends PendingUpdate {
  resolve(seq: number): void;
  reject(error: unknown): void;
}

/**
 * Groups the updates that arrive while a write is in flight (or within one
 * turn of the event loop) into one storage transaction, so durability before
 * broadcast costs one commit per batch rather than one per keystroke.
 */
export class WriteBatcher {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;

  constructor(private readonly store: Pick<DocStore, 'appendUpdates'>) {}

  /** Resolves with the update's sequence number once it is durable (with `owners`, see PendingUpdate). */
  write(doc: string, update: Uint8Array, owners?: PendingUpdate['owners']): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, update, owners, resolve, reject });
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
    // setImmediate lets every frame already read from the sockets join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      const seqs = await this.store.appendUpdates(batch);
      batch.forEach((w, i) => w.resolve(seqs[i]));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
