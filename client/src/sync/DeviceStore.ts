/**
 * What this device keeps of each document: its Yjs updates and one record.
 * The browser's implementation is IndexedDB (client/src/local/IndexedDbDeviceStore.ts);
 * tests use an in-memory one. Every method is one atomic step: another tab
 * sharing the store sees all of it or none of it.
 */
export interface DocRecord {
  /** The room name, `<journalId>/index` or `<journalId>/entry-<entryId>`. */
  name: string;
  /**
   * This device made changes the relay has not yet confirmed storing. Written
   * in the same step as the change itself, so it survives a closed tab.
   */
  unconfirmed: boolean;
  /** Bytes of stored updates, for the background sync budget. */
  bytes: number;
  /** Stored updates since the last compaction. */
  updates: number;
  /** Background sync: the version of the document (the index's `updatedAt`, a summary's version) when it was last fetched. */
  syncedVersion: number | null;
}

export function emptyRecord(name: string): DocRecord {
  return { name, unconfirmed: false, bytes: 0, updates: 0, syncedVersion: null };
}

export interface DeviceStore {
  /**
   * Bumped at once when `clear` is called (logout, another account). A writer
   * that started before a wipe checks it and drops its write, so a closing
   * document cannot put the old account's words back.
   */
  readonly generation: number;
  /**
   * Appends `updates` to the document and, when `unconfirmed` is not null,
   * sets its mark, in one step. Resolves with the record as stored.
   */
  append(name: string, updates: readonly Uint8Array[], unconfirmed: boolean | null): Promise<DocRecord>;
  /**
   * In one step: reads every stored update of the document, hands them to
   * `replace` (synchronously), and when it returns an update stores that one
   * in their place. Resolves with what was read.
   */
  compact(name: string, replace: (stored: Uint8Array[]) => Uint8Array | null): Promise<{ stored: Uint8Array[]; record: DocRecord }>;
  /** Every record whose name starts with `prefix`. */
  list(prefix: string): Promise<DocRecord[]>;
  read(name: string): Promise<DocRecord | null>;
  /** Removes the document's updates and record. */
  remove(name: string): Promise<void>;
  setSyncedVersion(name: string, version: number): Promise<void>;
  /** Removes everything (bumping `generation` first). */
  clear(): Promise<void>;
}
