import * as Y from 'yjs';
import type { DocStore } from '../storage/DocStore.js';

/**
 * A document as storage holds it (its durable state), for reading only: the
 * export never goes through the relay's rooms, so exporting a journal of
 * years loads one document at a time and keeps none. Null when nothing was
 * ever stored under the name. The caller destroys the doc when done.
 */
export async function readDocument(store: DocStore, room: string): Promise<Y.Doc | null> {
  const stored = await store.loadDoc(room);
  if (stored.snapshot === null && stored.updates.length === 0) return null;
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Runs `read` on a stored document and lets it go; null when there is none. */
export async function withDocument<T>(store: DocStore, room: string, read: (doc: Y.Doc) => T): Promise<T | null> {
  const doc = await readDocument(store, room);
  if (!doc) return null;
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}
