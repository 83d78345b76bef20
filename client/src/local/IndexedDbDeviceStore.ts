import { emptyRecord, type DeviceStore, type DocRecord } from '../sync/DeviceStore';

/**
 * The sync engine's device store in the browser: one IndexedDB database,
 * shared by every tab of the app:
 *
 *   updates  auto-numbered { doc, update }: Yjs updates per document, in the
 *            order they were stored, indexed by `doc` (see DocPersistence).
 *   docs     one DocRecord per document, keyed by its room name.
 *
 * Each method is one transaction. Nothing here knows Yjs.
 */
const DB_NAME = 'duet';
const DB_VERSION = 1;

const UPDATES_STORE = 'updates';
const DOCS_STORE = 'docs';
const BY_DOC_INDEX = 'byDoc';

interface StoredUpdate {
  doc: string;
  update: Uint8Array;
}

export class IndexedDbDeviceStore implements DeviceStore {
  private opening: Promise<IDBDatabase> | null = null;
  private wipes = 0;

  get generation(): number {
    return this.wipes;
  }

  async append(name: string, updates: readonly Uint8Array[], unconfirmed: boolean | null): Promise<DocRecord> {
    const tx = (await this.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
    const docs = tx.objectStore(DOCS_STORE);
    const record = ((await done(docs.get(name))) as DocRecord | undefined) ?? emptyRecord(name);
    for (const update of updates) {
      const stored: StoredUpdate = { doc: name, update };
      tx.objectStore(UPDATES_STORE).add(stored);
      record.bytes += update.byteLength;
      record.updates++;
    }
    if (unconfirmed !== null) record.unconfirmed = unconfirmed;
    docs.put(record);
    await committed(tx);
    return record;
  }

  async compact(name: string, replace: (stored: Uint8Array[]) => Uint8Array | null): Promise<{ stored: Uint8Array[]; record: DocRecord }> {
    const tx = (await this.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
    const updates = tx.objectStore(UPDATES_STORE);
    const docs = tx.objectStore(DOCS_STORE);
    const byDoc = updates.index(BY_DOC_INDEX);
    const [keys, values, found] = await Promise.all([
      done(byDoc.getAllKeys(name)),
      done(byDoc.getAll(name) as IDBRequest<StoredUpdate[]>),
      done(docs.get(name) as IDBRequest<DocRecord | undefined>),
    ]);
    const record = found ?? emptyRecord(name);
    const stored = values.map((value) => value.update);
    // Synchronous, inside the transaction: nothing can be appended in between.
    const replacement = replace(stored);
    if (replacement) {
      for (const key of keys) updates.delete(key);
      const single: StoredUpdate = { doc: name, update: replacement };
      updates.add(single);
      docs.put({ ...record, bytes: replacement.byteLength, updates: 1 });
    }
    await committed(tx);
    return { stored, record };
  }

  async list(prefix: string): Promise<DocRecord[]> {
    const tx = (await this.open()).transaction(DOCS_STORE, 'readonly');
    const all = await done(tx.objectStore(DOCS_STORE).getAll() as IDBRequest<DocRecord[]>);
    return all.filter((record) => record.name.startsWith(prefix));
  }

  async read(name: string): Promise<DocRecord | null> {
    const tx = (await this.open()).transaction(DOCS_STORE, 'readonly');
    return ((await done(tx.objectStore(DOCS_STORE).get(name))) as DocRecord | undefined) ?? null;
  }

  async remove(name: string): Promise<void> {
    const tx = (await this.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
    const keys = await done(tx.objectStore(UPDATES_STORE).index(BY_DOC_INDEX).getAllKeys(name));
    for (const key of keys) tx.objectStore(UPDATES_STORE).delete(key);
    tx.objectStore(DOCS_STORE).delete(name);
    await committed(tx);
  }

  async setSyncedVersion(name: string, version: number): Promise<void> {
    const tx = (await this.open()).transaction(DOCS_STORE, 'readwrite');
    const store = tx.objectStore(DOCS_STORE);
    const record = ((await done(store.get(name))) as DocRecord | undefined) ?? emptyRecord(name);
    store.put({ ...record, syncedVersion: version });
    await committed(tx);
  }

  async clear(): Promise<void> {
    this.wipes++;
    const tx = (await this.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
    tx.objectStore(UPDATES_STORE).clear();
    tx.objectStore(DOCS_STORE).clear();
    await committed(tx);
  }

  /** The open database; one connection per tab, opened on first use. */
  private open(): Promise<IDBDatabase> {
    const opening = (this.opening ??= new Promise<IDBDatabase>((resolve, reject) => {
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
          this.opening = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    }));
    // A failure (private mode, quota) is retried on the next call rather than remembered.
    opening.catch(() => {
      if (this.opening === opening) this.opening = null;
    });
    return opening;
  }
}

/** Resolves with a request's result. Awaiting it keeps the transaction alive (the continuation runs before it can commit). */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves once the transaction has committed (the data is on disk as far as the browser promises). */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
