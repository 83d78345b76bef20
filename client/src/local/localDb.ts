/**
 * This device's IndexedDB database, shared by every tab of the app:
 *
 *   updates  auto-numbered { doc, update }: Yjs updates per document, in the
 *            order they were stored, indexed by `doc` (see DocPersistence).
 *   docs     one DocRecord per document, keyed by its room name.
 *
 * Nothing here knows Yjs; it only opens the database and wraps requests.
 */
const DB_NAME = 'duet';
const DB_VERSION = 1;

export const UPDATES_STORE = 'updates';
export const DOCS_STORE = 'docs';
export const BY_DOC_INDEX = 'byDoc';

export interface StoredUpdate {
  doc: string;
  update: Uint8Array;
}

export interface DocRecord {
  /** The room name, `<journalId>/index` or `<journalId>/entry-<entryId>`. */
  name: string;
  /**
   * This device made changes the relay has not yet confirmed storing. Written
   * in the same transaction as the change itself, so it survives a closed tab.
   */
  unconfirmed: boolean;
  /** Bytes of stored updates, for the background sync budget. */
  bytes: number;
  /** Stored updates since the last compaction. */
  updates: number;
  /** Background sync: the index's `updatedAt` for this entry when it was last synced. */
  syncedVersion: number | null;
}

export function emptyRecord(name: string): DocRecord {
  return { name, unconfirmed: false, bytes: 0, updates: 0, syncedVersion: null };
}

let opening: Promise<IDBDatabase> | null = null;

/** The open database; one connection per tab, opened on first use. */
export function openLocalDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      const updates = db.createObjectStore(UPDATES_STORE, { autoIncrement: true });
      updates.createIndex(BY_DOC_INDEX, 'doc');
      db.createObjectStore(DOCS_STORE, { keyPath: 'name' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the app in another tab wants to upgrade the
      // schema: let go, and reopen (at the new version) on next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
  // A failure (private mode, quota) is retried on the next call rather than remembered.
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

/** Resolves with a request's result. Awaiting it keeps the transaction alive (the continuation runs before it can commit). */
export function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves once the transaction has committed (the data is on disk as far as the browser promises). */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let generation = 0;

/**
 * Bumped when the local data is wiped (logout, another account). A writer
 * that started before the wipe checks it and drops its write, so a closing
 * document cannot put the old account's words back.
 */
export function localDataGeneration(): number {
  return generation;
}

/** Deletes every stored document and record. */
export async function clearLocalDb(): Promise<void> {
  generation++;
  const db = await openLocalDb();
  const tx = db.transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
  tx.objectStore(UPDATES_STORE).clear();
  tx.objectStore(DOCS_STORE).clear();
  await committed(tx);
}
