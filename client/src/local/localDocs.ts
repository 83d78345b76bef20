import { BY_DOC_INDEX, committed, DOCS_STORE, done, emptyRecord, openLocalDb, UPDATES_STORE, type DocRecord } from './localDb';

/** Every document record whose room name starts with `prefix` (all of them for ''). */
export async function listDocRecords(prefix = ''): Promise<DocRecord[]> {
  const db = await openLocalDb();
  const tx = db.transaction(DOCS_STORE, 'readonly');
  const all = await done(tx.objectStore(DOCS_STORE).getAll() as IDBRequest<DocRecord[]>);
  return all.filter((record) => record.name.startsWith(prefix));
}

export async function readDocRecord(name: string): Promise<DocRecord | null> {
  const db = await openLocalDb();
  const tx = db.transaction(DOCS_STORE, 'readonly');
  return ((await done(tx.objectStore(DOCS_STORE).get(name))) as DocRecord | undefined) ?? null;
}

/** Removes one document's updates and record in one transaction. */
export async function deleteLocalDoc(name: string): Promise<void> {
  const db = await openLocalDb();
  const tx = db.transaction([UPDATES_STORE, DOCS_STORE], 'readwrite');
  const keys = await done(tx.objectStore(UPDATES_STORE).index(BY_DOC_INDEX).getAllKeys(name));
  for (const key of keys) tx.objectStore(UPDATES_STORE).delete(key);
  tx.objectStore(DOCS_STORE).delete(name);
  await committed(tx);
}

/** Records which version of an entry (its index `updatedAt`) background sync last fetched. */
export async function setSyncedVersion(name: string, version: number): Promise<void> {
  const db = await openLocalDb();
  const tx = db.transaction(DOCS_STORE, 'readwrite');
  const store = tx.objectStore(DOCS_STORE);
  const record = ((await done(store.get(name))) as DocRecord | undefined) ?? emptyRecord(name);
  store.put({ ...record, syncedVersion: version });
  await committed(tx);
}
