import { useEffect } from 'react';
import type * as Y from 'yjs';
import { entriesMap, mirrorEntry, PREVIEW_CHARS, type EntryAuthor } from '../journal/entryIndex';
import { fragmentPlainText } from '../editor/plainText';
import { ENTRY_BODY_FIELD } from '../editor/extensions';

/** At most one index write per this many ms while someone types. */
const MIRROR_INTERVAL_MS = 500;

/**
 * Copies the entry's title, a preview and "I wrote here" into the journal
 * index after our own edits, so the timeline updates live without opening
 * entry documents. Only local edits count: a partner's client mirrors its own.
 */
export function useIndexMirror(entryDoc: Y.Doc | null, indexDoc: Y.Doc | null, entryId: string, author: EntryAuthor): void {
  const { id: authorId, name: authorName } = author;
  useEffect(() => {
    if (!entryDoc || !indexDoc) return;
    let dirty = false;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      timer = null;
      if (!dirty || entryDoc.isDestroyed || indexDoc.isDestroyed) return;
      const written = mirrorEntry(indexDoc, entryId, {
        title: entryDoc.getText('title').toString().trim(),
        preview: fragmentPlainText(entryDoc.getXmlFragment(ENTRY_BODY_FIELD), PREVIEW_CHARS),
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

    entryDoc.on('afterTransaction', onTransaction);
    const entries = entriesMap(indexDoc);
    entries.observe(onIndexChange);
    return () => {
      entryDoc.off('afterTransaction', onTransaction);
      entries.unobserve(onIndexChange);
      if (timer !== null) clearTimeout(timer);
      // Leaving the entry: write the last few keystrokes now.
      flush();
    };
  }, [entryDoc, indexDoc, entryId, authorId, authorName]);
}
