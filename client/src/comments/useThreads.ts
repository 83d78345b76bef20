import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { CommentThread } from '#shared/model/comments.js';
import { onThreadsChange, readThreads } from '#shared/documents/comments.js';

const EMPTY = new Map<string, CommentThread>();

/** The comments document's threads, re-read whenever the server changes one. */
export function useThreads(doc: Y.Doc | null): Map<string, CommentThread> {
  const store = useMemo(() => {
    if (!doc) return { subscribe: () => () => {}, get: () => EMPTY };
    let snapshot = readThreads(doc);
    return {
      subscribe: (onChange: () => void) =>
        onThreadsChange(doc, () => {
          snapshot = readThreads(doc);
          onChange();
        }),
      get: () => snapshot,
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.get);
}
