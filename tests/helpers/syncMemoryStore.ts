import { emptyRecord, type DeviceStore, type DocRecord } from '../../client/src/sync/DeviceStore.js';
import type { SpillStorage } from '../../client/src/sync/ports.js';

interface HeldWrite {
  run(): void;
  drop(): void;
}

/**
 * The device store of one browser profile, in memory, shared by its tabs
 * (engines) the way IndexedDB is. Each method is one atomic step. The test can
 * hold appends (`holdWrites`): they then wait until released, or are dropped
 * as a page that dies mid-write drops its IndexedDB transaction.
 */
export class MemoryDeviceStore implements DeviceStore {
  private readonly updates = new Map<string, Uint8Array[]>();
  private readonly records = new Map<string, DocRecord>();
  private wipes = 0;
  private holding = false;
  private held: HeldWrite[] = [];

  get generation(): number {
    return this.wipes;
  }

  /** Appends wait from now on until `releaseWrites` or `dropHeldWrites`. */
  holdWrites(): void {
    this.holding = true;
  }

  releaseWrites(): void {
    this.holding = false;
    const held = this.held;
    this.held = [];
    for (const write of held) write.run();
  }

  /** The page died: held writes never commit (their promises never settle). */
  dropHeldWrites(): void {
    this.holding = false;
    const held = this.held;
    this.held = [];
    for (const write of held) write.drop();
  }

  get heldWrites(): number {
    return this.held.length;
  }

  append(name: string, updates: readonly Uint8Array[], unconfirmed: boolean | null): Promise<DocRecord> {
    const commit = (): DocRecord => {
      const record = { ...(this.records.get(name) ?? emptyRecord(name)) };
      const list = this.updates.get(name) ?? [];
      for (const update of updates) {
        list.push(update);
        record.bytes += update.byteLength;
        record.updates++;
      }
      if (unconfirmed !== null) record.unconfirmed = unconfirmed;
      this.updates.set(name, list);
      this.records.set(name, record);
      return { ...record };
    };
    if (!this.holding) return Promise.resolve().then(commit);
    return new Promise<DocRecord>((resolve) => {
      this.held.push({ run: () => resolve(commit()), drop: () => undefined });
    });
  }

  async compact(name: string, replace: (stored: Uint8Array[]) => Uint8Array | null): Promise<{ stored: Uint8Array[]; record: DocRecord }> {
    await Promise.resolve();
    const stored = [...(this.updates.get(name) ?? [])];
    const record = { ...(this.records.get(name) ?? emptyRecord(name)) };
    const replacement = replace(stored);
    if (replacement) {
      this.updates.set(name, [replacement]);
      this.records.set(name, { ...record, bytes: replacement.byteLength, updates: 1 });
    }
    return { stored, record };
  }

  async list(prefix: string): Promise<DocRecord[]> {
    await Promise.resolve();
    return [...this.records.values()].filter((r) => r.name.startsWith(prefix)).map((r) => ({ ...r }));
  }

  async read(name: string): Promise<DocRecord | null> {
    await Promise.resolve();
    const record = this.records.get(name);
    return record ? { ...record } : null;
  }

  async remove(name: string): Promise<void> {
    await Promise.resolve();
    this.updates.delete(name);
    this.records.delete(name);
  }

  async setSyncedVersion(name: string, version: number): Promise<void> {
    await Promise.resolve();
    this.records.set(name, { ...(this.records.get(name) ?? emptyRecord(name)), syncedVersion: version });
  }

  async clear(): Promise<void> {
    this.wipes++;
    await Promise.resolve();
    this.updates.clear();
    this.records.clear();
  }

  /** For assertions: the stored updates of a document (a copy). */
  storedUpdates(name: string): Uint8Array[] {
    return [...(this.updates.get(name) ?? [])];
  }

  /** For assertions: every record. */
  allRecords(): DocRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }
}

/** localStorage in memory, shared by the tabs of one profile. */
export class MemorySpillStorage implements SpillStorage {
  private readonly items = new Map<string, string>();
  /** Set to make every write throw, as a full or blocked localStorage does. */
  refuse = false;

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.refuse) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  get length(): number {
    return this.items.size;
  }
}
