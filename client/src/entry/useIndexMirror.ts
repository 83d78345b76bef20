import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { CollabRoom } from '../sync/RoomRegistry';
import { entriesMap, mirrorEntry, setEntryText, type EntryAuthor } from '#shared/documents/journalIndex.js';
import { readEntryText } from '../editor/entryText';
import { entryBody, entryTitle } from '#shared/documents/entry.js';

/** At most one index write per this many ms while someone types. */
const MIRROR_INTERVAL_MS = 500;

/**
 * Copies the entry's title, a preview and "I wrote here" into the journal
 * index after our own edits, so the timeline updates live without opening
 * entry documents. Only local edits count: a partner's client mirrors its own.
 * Only edits of the words or blocks make you an author: commenting on a phrase
 * (which marks it) does not.
 *
 * One exception: after a sync with the relay (reconnecting with words written
 * offline), the merged text may be one neither client has mirrored, so the
 * title and preview are refreshed then, without touching the authors.
 */
export function useIndexMirror(entry: CollabRoom | null, indexDoc: Y.Doc | null, entryId: string, author: EntryAuthor): void {
  const { id: authorId, name: authorName } = author;
  const entryDoc = entry?.doc ?? null;
  useEffect(() => {
    if (!entry || !entryDoc || !indexDoc) return;
    let dirty = false;
    let wrote = false;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      timer = null;
      if (!dirty || entryDoc.isDestroyed || indexDoc.isDestroyed) return;
      const written = mirrorEntry(indexDoc, entryId, {
        ...readEntryText(entryDoc),
        author: wrote ? { id: authorId, name: authorName } : null,
        at: Date.now(),
      });
      // Not in the index yet (it has not synced): stay dirty and retry when it changes.
      if (written) dirty = wrote = false;
    };

    const onEdit = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
      if (!transaction.local) return;
      dirty = true;
      if (events.some(changesWords)) wrote = true;
      timer ??= setTimeout(flush, MIRROR_INTERVAL_MS);
    };
    const onIndexChange = () => {
      if (dirty) timer ??= setTimeout(flush, MIRROR_INTERVAL_MS);
    };
    const onSync = () => {
      if (!entryDoc.isDestroyed && !indexDoc.isDestroyed) setEntryText(indexDoc, entryId, readEntryText(entryDoc));
    };

    const title = entryTitle(entryDoc);
    const body = entryBody(entryDoc);
    title.observeDeep(onEdit);
    body.observeDeep(onEdit);
    const stopSync = entry.onSynced(onSync);
    const entries = entriesMap(indexDoc);
    entries.observe(onIndexChange);
    return () => {
      title.unobserveDeep(onEdit);
      body.unobserveDeep(onEdit);
      stopSync();
      entries.unobserve(onIndexChange);
      if (timer !== null) clearTimeout(timer);
      // Leaving the entry: write the last few keystrokes now.
      flush();
    };
  }, [entry, entryDoc, indexDoc, entryId, authorId, authorName]);
}

/** Whether a change inserted or deleted something, or changed a block's attributes (not only formatting). */
function changesWords(event: Y.YEvent<Y.AbstractType<unknown>>): boolean {
  const { delta, keys } = event.changes;
  return keys.size > 0 || delta.some((op) => op.insert !== undefined || op.delete !== undefined);
}
