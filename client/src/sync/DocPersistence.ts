import * as Y from 'yjs';
import type { DeviceStore } from './DeviceStore';
import type { Clock, TimerHandle } from './ports';
import type { UnloadSpill } from './UnloadSpill';

/** What loading a document from this device found. */
export interface LocalLoad {
  /** Some state was stored (the document has been open on this device before). */
  hadState: boolean;
  /** A change made on this device was never confirmed by the relay. */
  unconfirmed: boolean;
}

type WriteOp = { kind: 'update'; update: Uint8Array } | { kind: 'unconfirmed' } | { kind: 'confirmed' };

/** Writes that arrive this close together share one transaction (a burst of keystrokes). */
const WRITE_DELAY_MS = 20;
/** After this many appended updates the stored ones are merged into one again. */
const COMPACT_AFTER = 300;

/**
 * Keeps one Y.Doc on this device. Every update (local or from the relay) is
 * appended as its own record, which is cheap while typing; loading reads them
 * all, applies them, and replaces them with one update of the whole document
 * in the same step. So the store never grows with the number of times a
 * document was opened (y-indexeddb appends a full state on every open), and a
 * crash between the read and the rewrite leaves the old records intact.
 *
 * Updates applied while loading carry this object as their origin, so they
 * are neither stored again nor counted as local changes.
 */
export class DocPersistence {
  /** Settles (never rejects) once stored state has been applied to the doc. */
  readonly loaded: Promise<LocalLoad>;
  private ops: WriteOp[] = [];
  private timer: TimerHandle | null = null;
  private writing: Promise<void> = Promise.resolve();
  private loadedWith: LocalLoad | null = null;
  private inFlight = 0;
  private warned = false;
  private destroyed = false;
  private readonly generation: number;
  /** Batches handed to a write that has not committed yet (for `spill`). */
  private readonly unsettled = new Set<WriteOp[]>();

  constructor(
    readonly name: string,
    private readonly doc: Y.Doc,
    private readonly store: DeviceStore,
    private readonly unloadSpill: UnloadSpill,
    private readonly clock: Clock,
    /** A previous instance of the same document still writing; loading waits for it. */
    previous: Promise<void> = Promise.resolve(),
  ) {
    this.generation = store.generation;
    doc.on('update', this.onUpdate);
    this.loaded = previous.then(() => this.load());
  }

  /** Whether the load found stored state; false until it has finished. */
  get hadState(): boolean {
    return this.loadedWith?.hadState ?? false;
  }

  /** Changes handed over that are not yet committed to the device. */
  get writesPending(): boolean {
    return this.ops.length > 0 || this.inFlight > 0;
  }

  /** Whether storage works here; when false, "saved on this device" is not true. */
  get available(): boolean {
    return !this.warned;
  }

  /**
   * Marks the document as holding an unconfirmed change from this device. Call
   * it in the same turn as the doc's `update` event, so the mark is written in
   * the same step as the change.
   */
  markUnconfirmed(): void {
    this.enqueue({ kind: 'unconfirmed' });
  }

  /** The relay has stored everything this device changed: clear the mark (after any queued writes). */
  markConfirmed(): void {
    this.enqueue({ kind: 'confirmed' });
  }

  /** Resolves when everything handed to this object so far is written. */
  flushed(): Promise<void> {
    this.writeQueued();
    return this.writing;
  }

  /**
   * For the page hiding: copies every update not yet committed (queued, or in
   * a write that has not finished) to the spill storage, synchronously, for
   * the next load to take back. The usual write still runs in case the page
   * lives on; an update stored twice is harmless.
   */
  spill(): void {
    const pending = [...[...this.unsettled].flat(), ...this.ops].flatMap((op) => (op.kind === 'update' ? [op.update] : []));
    if (pending.length === 0 || this.generation !== this.store.generation) return;
    if (!this.unloadSpill.spill(this.name, pending)) this.warn('keep the last changes of', new Error('the spill storage refused them'));
    this.writeQueued();
  }

  /** Stops listening, writes what is queued and resolves when it is on the device. */
  destroy(): Promise<void> {
    if (this.destroyed) return this.writing;
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    return this.flushed();
  }

  private onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    this.enqueue({ kind: 'update', update });
  };

  private enqueue(op: WriteOp): void {
    this.ops.push(op);
    this.timer ??= this.clock.setTimeout(() => this.writeQueued(), WRITE_DELAY_MS);
  }

  private writeQueued(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.ops.length === 0) return;
    const ops = this.ops;
    this.ops = [];
    this.inFlight++;
    this.unsettled.add(ops);
    // Serialised, so marks and updates reach the device in the order they happened.
    this.writing = this.writing
      .then(() => this.write(ops))
      .catch((error: unknown) => this.warn('write', error))
      .finally(() => {
        this.inFlight--;
        this.unsettled.delete(ops);
      });
  }

  private async write(ops: WriteOp[]): Promise<void> {
    if (this.generation !== this.store.generation) return;
    const updates = ops.flatMap((op) => (op.kind === 'update' ? [op.update] : []));
    let mark: boolean | null = null;
    for (const op of ops) if (op.kind !== 'update') mark = op.kind === 'unconfirmed';
    const record = await this.store.append(this.name, updates, mark);
    if (record.updates > COMPACT_AFTER) await this.compact(false);
  }

  private async load(): Promise<LocalLoad> {
    try {
      this.loadedWith = await this.compact(true);
    } catch (error) {
      this.warn('load', error);
      this.loadedWith = { hadState: false, unconfirmed: false };
    }
    // What a page closed right after typing left behind: applied as this device's own changes
    // (not with this object as origin), so they are stored here and sent like any other.
    const spilled = this.generation === this.store.generation ? this.unloadSpill.take(this.name) : [];
    if (spilled.length > 0 && !this.doc.isDestroyed) {
      Y.applyUpdate(this.doc, Y.mergeUpdates(spilled));
      this.markUnconfirmed();
      this.loadedWith = { hadState: true, unconfirmed: true };
    }
    return this.loadedWith;
  }

  /**
   * Reads every stored update of the document, applies them to the doc, and
   * replaces them with one update holding the doc's whole state, in one step.
   * Another tab may have appended updates this doc has not seen; applying
   * them first means the rewrite can never drop anything.
   */
  private async compact(loading: boolean): Promise<LocalLoad> {
    if (this.generation !== this.store.generation) return { hadState: false, unconfirmed: false };
    const { stored, record } = await this.store.compact(this.name, (stored) => {
      if (stored.length === 0) return null;
      const live = !this.doc.isDestroyed && (loading || !this.destroyed);
      if (live) Y.applyUpdate(this.doc, stored.length === 1 ? stored[0] : Y.mergeUpdates(stored), this);
      if (stored.length === 1) return null;
      // From the live doc when we have one: it has dropped deleted content, so it is smaller than a merge.
      return live ? Y.encodeStateAsUpdate(this.doc) : Y.mergeUpdates(stored);
    });
    return { hadState: stored.length > 0, unconfirmed: record.unconfirmed };
  }

  private warn(what: string, error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    console.warn(`Duet could not ${what} ${this.name} on this device; it is kept in memory only.`, error);
  }
}
