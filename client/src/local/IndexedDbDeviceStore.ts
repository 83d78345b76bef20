import { IndexedDbConnection, committed, done } from './indexedDb';
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
  private readonly db = new IndexedDbConnection(DB_NAME, DB_VERSION, (db) => {
    const updates = db.createObjectStore(UPDATES_STORE, { autoIncrement: true });
    updates.createIndex(BY_DOC_INDEX, 'doc');
    db.createObjectStore(DOCS_STORE, { keyPath: 'name' });
  });
  private wipes = 0;

  get generation(): number {
    return this.wipes;
  }

  async append(name: string, updates: readonly Uint8Array[], unconfirmed: boolean | null): Promise<DocRecord> {
    const tx = (await this.db.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
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
    const tx = (await this.db.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
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
    const tx = (await this.db.open()).transaction(DOCS_STORE, 'readonly');
    const all = await done(tx.objectStore(DOCS_STORE).getAll() as IDBRequest<DocRecord[]>);
    return all.filter((record) => record.name.startsWith(prefix));
  }

  async read(name: string): Promise<DocRecord | null> {
    const tx = (await this.db.open()).transaction(DOCS_STORE, 'readonly');
    return ((await done(tx.objectStore(DOCS_STORE).get(name))) as DocRecord | undefined) ?? null;
  }

  async remove(name: string): Promise<void> {
    const tx = (await this.db.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
    const keys = await done(tx.objectStore(UPDATES_STORE).index(BY_DOC_INDEX).getAllKeys(name));
    for (const key of keys) tx.objectStore(UPDATES_STORE).delete(key);
    tx.objectStore(DOCS_STORE).delete(name);
    await committed(tx);
  }

  async setSyncedVersion(name: string, version: number): Promise<void> {
    const tx = (await this.db.open()).transaction(DOCS_STORE, 'readwrite');
    const store = tx.objectStore(DOCS_STORE);
    const record = ((await done(store.get(name))) as DocRecord | undefined) ?? emptyRecord(name);
    store.put({ ...record, syncedVersion: version });
    await committed(tx);
  }

  async clear(): Promise<void> {
    this.wipes++;
    const tx = (await this.db.open()).transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
    tx.objectStore(UPDATES_STORE).clear();
    tx.objectStore(DOCS_STORE).clear();
    await committed(tx);
  }
}
