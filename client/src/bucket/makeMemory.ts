import type * as Y from 'yjs';
import { type BucketItem, linkMemory, writeMemoryStart } from '#shared/documents/bucket.js';
import { entryRoom } from '#shared/documents/entry.js';
import { createEntry, type EntryAuthor, readEntrySummary, setEntryDeleted, setEntryText } from '#shared/documents/journalIndex.js';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { readEntryText } from '../editor/entryText';

/**
 * "Make it a memory" for a done item, on this device (offline too), and the
 * id of the entry to open. The first time: a new entry in the index under
 * the presser's name (as "New entry" makes one), started with the item's
 * words as its title and a line saying when and who, and the item linked to
 * it. After that: the same entry again (taken out of the bin if it was put
 * there), so pressing twice never makes two.
 */
export function makeMemory(options: {
  rooms: RoomRegistry;
  journalId: string;
  bucket: Y.Doc;
  index: Y.Doc;
  item: BucketItem;
  author: EntryAuthor;
  start: { title: string; line: string };
}): string {
  const { rooms, journalId, bucket, index, item, author, start } = options;
  if (item.memoryEntryId !== null) {
    const summary = readEntrySummary(index, item.memoryEntryId);
    if (summary?.deletedAt != null) setEntryDeleted(index, item.memoryEntryId, false);
    return item.memoryEntryId;
  }
  const entryId = createEntry(index, author);
  const name = entryRoom(journalId, entryId);
  const entry = rooms.acquire(name, { presence: false });
  try {
    writeMemoryStart(entry.doc, start);
    setEntryText(index, entryId, readEntryText(entry.doc));
  } finally {
    // The registry keeps the room until what it holds is stored (and on this device meanwhile).
    rooms.release(name, { presence: false });
  }
  linkMemory(bucket, item.id, entryId);
  return entryId;
}
