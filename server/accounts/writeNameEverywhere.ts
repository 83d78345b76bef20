import { renameInCheckin, renameInComments, renameInIndex } from '#shared/documents/personName.js';
import { checkinDocument } from '#shared/documents/checkin.js';
import { commentsDocument } from '#shared/documents/comments.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import type * as Y from 'yjs';
import type { Relay } from '../relay/Relay.js';
import type { DocCatalog } from '../storage/DocCatalog.js';

export interface NameWriter {
  storage: DocCatalog;
  relay: Relay;
}

/**
 * Writes `name` wherever a journal's shared documents hold `userId`'s name (shared/documents/
 * personName.ts): its index, every comments document and every check-in. Server changes through
 * the relay, so a partner who has the journal open sees it at once. With `compact`, each document
 * changed is compacted right after, so the name it replaced is not kept in its history.
 */
export async function writeNameInJournal(writer: NameWriter, journalId: string, userId: string, name: string, compact: boolean): Promise<void> {
  const { storage, relay } = writer;
  const rename = async (room: string, change: (doc: Y.Doc, userId: string, name: string) => boolean) => {
    const changed = await relay.change(room, (doc) => change(doc, userId, name));
    if (changed && compact) await relay.compactNow(room);
  };
  await rename(indexRoom(journalId), renameInIndex);
  for (const room of await storage.listDocs(`${journalId}/${commentsDocument.name}-`)) await rename(room, renameInComments);
  for (const room of await storage.listDocs(`${journalId}/${checkinDocument.name}-`)) await rename(room, renameInCheckin);
}
