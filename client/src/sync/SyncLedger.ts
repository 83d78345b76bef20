import type { DeviceStore } from './DeviceStore';

type Listener = () => void;

/**
 * Which documents hold changes from this device that the relay has not
 * confirmed storing: those open now (reported by their SyncTracker) and those
 * closed with the mark still set on the device, from this session or an
 * earlier one. The journal-wide status and the "leave the page?" question
 * read it.
 */
export class SyncLedger {
  private readonly unconfirmed = new Set<string>();
  /** Documents a tracker has reported on: their live answer beats what was on the device at startup. */
  private readonly reported = new Set<string>();
  private ready = false;
  private version = 0;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly store: DeviceStore) {}

  /** Reads the marks left on the device. Until it finishes, every journal counts as unconfirmed. */
  async loadFromDevice(): Promise<void> {
    try {
      for (const record of await this.store.list('')) {
        if (record.unconfirmed && !this.reported.has(record.name)) this.unconfirmed.add(record.name);
      }
    } catch {
      // No local storage: only what trackers report counts.
    }
    this.ready = true;
    this.changed();
  }

  set(name: string, unconfirmed: boolean): void {
    this.reported.add(name);
    if (unconfirmed === this.unconfirmed.has(name)) return;
    if (unconfirmed) this.unconfirmed.add(name);
    else this.unconfirmed.delete(name);
    this.changed();
  }

  /** The document's local copy was deleted. */
  forget(name: string): void {
    this.reported.delete(name);
    if (this.unconfirmed.delete(name)) this.changed();
  }

  clear(): void {
    this.unconfirmed.clear();
    this.reported.clear();
    this.changed();
  }

  /** Whether any document whose room name starts with `prefix` is unconfirmed (or the marks are not read yet). */
  hasUnconfirmed(prefix = ''): boolean {
    if (!this.ready) return true;
    for (const name of this.unconfirmed) if (name.startsWith(prefix)) return true;
    return false;
  }

  isUnconfirmed(name: string): boolean {
    return this.unconfirmed.has(name);
  }

  names(prefix = ''): string[] {
    return [...this.unconfirmed].filter((name) => name.startsWith(prefix));
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever the set does; a snapshot for useSyncExternalStore. */
  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}
