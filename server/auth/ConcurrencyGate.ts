/** Thrown by `ConcurrencyGate.run` when every slot is taken and the wait queue is full. */
export class GateFullError extends Error {
  constructor() {
    super('too many tasks waiting');
  }
}

/**
 * Runs at most `concurrency` tasks at a time and lets at most `maxWaiting`
 * more wait for a slot; beyond that it refuses at once. Bounding the queue is
 * the point: an unbounded one would only move a flood from the thread pool
 * into memory and make everybody wait behind it.
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    else if (this.waiting.length < this.maxWaiting) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw new GateFullError();
    try {
      return await task();
    } finally {
      // A waiting task inherits the slot, so `active` only drops when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
