/**
 * The writes one room has started and how they ended. Writes go through one
 * batcher and complete in order, so the last one settling means every one
 * before it has. The room asks the ledger when its document holds nothing
 * unstored (a newcomer may be sent it, a snapshot may be taken) and whether a
 * storage confirmation may be given.
 */
export class WriteLedger {
  /** Writes started and not finished. Nothing applied leaves the room until this is zero. */
  private pending = 0;
  /** Settles when the latest write started has finished, either way. */
  private last: Promise<unknown> = Promise.resolve();
  /** Writes that failed, ever: a confirmation asked for before one failed is not given. */
  private failures = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  private durableWaiters: (() => void)[] = [];

  /** Whether everything applied to the room's document is stored. */
  get durable(): boolean {
    return this.pending === 0;
  }

  started(write: Promise<unknown>): void {
    this.pending++;
    const done = () => {
      this.inFlight.delete(write);
    };
    this.last = write.then(done, done);
    this.inFlight.add(write);
  }

  /** A write was stored. */
  stored(): void {
    this.finished();
  }

  /** A write failed: no confirmation asked for before now is given. */
  failed(): void {
    this.failures++;
    this.finished();
  }

  /** Wakes whoever waits for the room to be durable once no write is pending. */
  private finished(): void {
    this.pending--;
    if (this.pending > 0) return;
    const waiters = this.durableWaiters;
    this.durableWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once nothing applied is unstored (at once if nothing is). */
  whenDurable(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.durableWaiters.push(resolve));
  }

  /**
   * Resolves with whether every write started so far was stored. A storage
   * confirmation is given only when it was: the change it covers may be in
   * any of them (another tab's copy of the same change, say).
   */
  allStoredSoFar(): Promise<boolean> {
    const failures = this.failures;
    return this.last.then(() => this.failures === failures);
  }

  /** Resolves when no write started so far is in flight; a reload must find them all in storage. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
