import * as Y from 'yjs';

/**
 * Finds words of ours that a remote change removed without having seen them.
 *
 * When a partner deletes a paragraph while we are typing in it (or while we
 * typed in it offline), the CRDT converges by dropping our new words along
 * with the paragraph (y-prosemirror #108): the partner deleted the block, and
 * whatever was inside it goes. Nobody chose to delete those words, so the
 * entry page tells the writer and offers to put them back.
 *
 * "Without having seen them" is judged by the relay's confirmation: items of
 * this doc's own client at or above `confirmedClock()` had not been confirmed
 * stored, so the partner cannot (or can barely) have seen them. A deletion of
 * older words of ours is an ordinary edit by the partner and is not reported.
 *
 * Calls `onDropped` with the words, block by block, after each remote
 * transaction that dropped some. Returns a function that stops watching.
 */
export function watchDroppedText(doc: Y.Doc, confirmedClock: () => number, onDropped: (blocks: string[]) => void): () => void {
  const handler = (transaction: Y.Transaction) => {
    if (transaction.local) return;
    const ranges = transaction.deleteSet.clients.get(doc.clientID);
    const structs = doc.store.clients.get(doc.clientID);
    if (!ranges || !structs) return;
    try {
      const blocks = droppedBlocks(structs, ranges, confirmedClock());
      if (blocks.length > 0) onDropped(blocks);
    } catch (error) {
      // Reading deleted items must never break the transaction that deleted them.
      console.warn('Duet could not read the words a remote change removed', error);
    }
  };
  // Before garbage collection replaces the deleted text with placeholders.
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

function droppedBlocks(structs: ReadonlyArray<Y.Item | Y.GC>, ranges: ReadonlyArray<{ clock: number; len: number }>, floor: number): string[] {
  const blocks: string[] = [];
  let parent: unknown = null;
  for (const range of ranges) {
    const start = Math.max(range.clock, floor);
    const end = range.clock + range.len;
    if (start >= end) continue;
    // Read without splitting items: this runs after the transaction's own bookkeeping.
    for (let i = Y.findIndexSS(structs as Array<Y.Item | Y.GC>, start); i < structs.length; i++) {
      const struct = structs[i];
      if (struct.id.clock >= end) break;
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
      const from = Math.max(0, start - struct.id.clock);
      const to = Math.min(struct.length, end - struct.id.clock);
      const text = struct.content.str.slice(from, to);
      if (text.length === 0) continue;
      if (struct.parent !== parent || blocks.length === 0) blocks.push(text);
      else blocks[blocks.length - 1] += text;
      parent = struct.parent;
    }
  }
  return blocks.map((block) => block.trim()).filter((block) => block.length > 0);
}
