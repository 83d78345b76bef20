import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import { createEntry, setEntryText, type EntryAuthor } from '#shared/documents/journalIndex.js';
import { markDraftShared } from '#shared/documents/mine.js';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { readEntryText } from '../editor/entryText';

/**
 * Turns a quiet draft into an ordinary entry, on this device (offline too):
 * a new entry in the index under the writer's name, whose document receives
 * the draft's whole state. Returns the entry's id. Run again for a draft
 * already shared (a device with later offline edits to it), it carries
 * those edits into the same entry: Yjs keeps each change once.
 */
export function shareDraft(options: {
  rooms: RoomRegistry;
  journalId: string;
  draftId: string;
  draft: Y.Doc;
  index: Y.Doc;
  mine: Y.Doc;
  author: EntryAuthor;
  sharedAs: string | null;
}): string {
  const { rooms, journalId, draftId, draft, index, mine, author } = options;
  const entryId = options.sharedAs ?? createEntry(index, author);
  const name = entryRoom(journalId, entryId);
  const entry = rooms.acquire(name, { presence: false });
  try {
    Y.applyUpdate(entry.doc, Y.encodeStateAsUpdate(draft));
    setEntryText(index, entryId, readEntryText(entry.doc));
  } finally {
    // The registry keeps the room until what it holds is stored (or on this device for background sync).
    rooms.release(name, { presence: false });
  }
  return markDraftShared(mine, draftId, entryId);
}
