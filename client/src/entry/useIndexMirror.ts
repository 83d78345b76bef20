import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { CollabRoom } from '../collab/roomRegistry';
import { entriesMap, mirrorEntry, setEntryText, type EntryAuthor } from '../journal/entryIndex';
import { readEntryText } from '../journal/entryText';

/** At most one index write per this many ms while someone types. */
const MIRROR_INTERVAL_MS = 500;

/**
 * Copies the entry's title, a preview and "I wrote here" into the journal
 * index after our own edits, so the timeline updates live without opening
 * entry documents. Only local edits count: a partner's client mirrors its own.
 *
 * One exception: after a sync with the relay (reconnecting with words written
 * offline), the merged text may be one neither client has mirrored, so the
 * title and preview are refreshed then, without touching the authors.
 */
export function useIndexMirror(entry: CollabRoom | null, indexDoc: Y.Doc | null, entryId: string, author: EntryAuthor): void {
  const { id: authorId, name: authorName } = author;
  const entryDoc = entry?.doc ?? null;
  const provider = entry?.provider ?? null;
  useEffect(() => {
    if (!entryDoc || !indexDoc || !provider) return;
    let dirty = false;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      timer = null;
      if (!dirty || entryDoc.isDestroyed || indexDoc.isDestroyed) return;
      const written = mirrorEntry(indexDoc, entryId, {
        ...readEntryText(entryDoc),
        author: { id: authorId, name: authorName },
        at: Date.now(),
      });
      // Not in the index yet (it has not synced): stay dirty and retry when it changes.
      if (written) dirty = false;
    };

    const onTransaction = (transaction: Y.Transaction) => {
      if (!transaction.local || transaction.changed.size === 0) return;
      dirty = true;
      timer ??= setTimeout(flush, MIRROR_INTERVAL_MS);
    };
    const onIndexChange = () => {
      if (dirty) timer ??= setTimeout(flush, MIRROR_INTERVAL_MS);
    };
    const onSync = (synced: boolean) => {
      if (synced && !entryDoc.isDestroyed && !indexDoc.isDestroyed) setEntryText(indexDoc, entryId, readEntryText(entryDoc));
    };

    entryDoc.on('afterTransaction', onTransaction);
    provider.on('sync', onSync);
    const entries = entriesMap(indexDoc);
    entries.observe(onIndexChange);
    return () => {
      entryDoc.off('afterTransaction', onTransaction);
      provider.off('sync', onSync);
      entries.unobserve(onIndexChange);
      if (timer !== null) clearTimeout(timer);
      // Leaving the entry: write the last few keystrokes now.
      flush();
    };
  }, [entryDoc, indexDoc, provider, entryId, authorId, authorName]);
}
