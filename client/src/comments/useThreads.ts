import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { THREADS_FIELD, type CommentThread } from '../../../shared/model/comments';
import { readThreads } from '../../../shared/model/commentsDoc';

const EMPTY = new Map<string, CommentThread>();

/** The comments document's threads, re-read whenever the server changes one. */
export function useThreads(doc: Y.Doc | null): Map<string, CommentThread> {
  const store = useMemo(() => {
    if (!doc) return { subscribe: () => () => {}, get: () => EMPTY };
    const map = doc.getMap<unknown>(THREADS_FIELD);
    let snapshot = readThreads(doc);
    return {
      subscribe: (onChange: () => void) => {
        const observer = () => {
          snapshot = readThreads(doc);
          onChange();
        };
        map.observe(observer);
        return () => map.unobserve(observer);
      },
      get: () => snapshot,
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.get);
}
