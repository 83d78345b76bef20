import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { THREADS_FIELD, type CommentThread } from '../../../shared/model/comments';

/** The threads in a comments document, by id. Values the server wrote as JSON text; anything unreadable is skipped. */
export function readThreads(doc: Y.Doc): Map<string, CommentThread> {
  const threads = new Map<string, CommentThread>();
  doc.getMap<unknown>(THREADS_FIELD).forEach((value, id) => {
    if (typeof value !== 'string') return;
    try {
      const thread = JSON.parse(value) as CommentThread;
      if (thread && Array.isArray(thread.comments)) threads.set(id, thread);
    } catch {
      // A value this client cannot read is left out rather than breaking the panel.
    }
  });
  return threads;
}

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
