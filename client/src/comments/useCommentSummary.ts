import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { CommentSummary } from '#shared/model/commentSummary.js';
import { commentSummariesMap, parseCommentSummary } from '#shared/documents/journalIndex.js';

/**
 * An entry's comment summary from the journal index the timeline already
 * holds (the server keeps it current): live, offline from the device copy,
 * and without opening the entry's comments document. Null when the entry has
 * never had a comment.
 */
export function useCommentSummary(indexDoc: Y.Doc | null, entryId: string): CommentSummary | null {
  const store = useMemo(() => {
    if (!indexDoc) return { subscribe: () => () => {}, get: () => null as string | null };
    const summaries = commentSummariesMap(indexDoc);
    const get = () => {
      const value = summaries.get(entryId);
      return typeof value === 'string' ? value : null;
    };
    return {
      subscribe: (onChange: () => void) => {
        summaries.observe(onChange);
        return () => summaries.unobserve(onChange);
      },
      get,
    };
  }, [indexDoc, entryId]);
  // The JSON text is the snapshot: it compares by value, so only this entry's changes re-render.
  const json = useSyncExternalStore(store.subscribe, store.get);
  return useMemo(() => parseCommentSummary(json), [json]);
}
