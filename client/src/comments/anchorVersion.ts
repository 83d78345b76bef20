import type { Editor } from '@tiptap/core';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import type { AnchorVersion } from '#shared/model/comments.js';

/** The Yjs document an editor is bound to (through TipTap's Collaboration), or null. */
export function editorYDoc(editor: Editor): Y.Doc | null {
  const state = ySyncPluginKey.getState(editor.state) as { doc?: Y.Doc } | undefined;
  return state?.doc ?? null;
}

/** This device's version of the entry document right after its own latest change (the mark just added). */
export function currentVersion(editor: Editor): AnchorVersion | null {
  const doc = editorYDoc(editor);
  return doc ? { client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) } : null;
}

export function hasReached(doc: Y.Doc, version: AnchorVersion): boolean {
  return Y.getState(doc.store, version.client) >= version.clock;
}

/**
 * Which of `versions` the editor's document has reached, kept current as
 * updates arrive. Re-renders only when that set changes, not on every update.
 */
export function useReachedVersions(editor: Editor | null, versions: AnchorVersion[]): (version: AnchorVersion) => boolean {
  const doc = editor ? editorYDoc(editor) : null;
  const key = versions.map((v) => `${v.client}:${v.clock}`).join(',');
  const store = useMemo(() => {
    const wanted = key === '' ? [] : key.split(',').map((pair) => pair.split(':').map(Number) as [number, number]);
    // A string, so reading it afresh on every call is stable for useSyncExternalStore.
    const get = () => (doc ? wanted.filter(([client, clock]) => hasReached(doc, { client, clock })).map((pair) => pair.join(':')).join(',') : '');
    return {
      subscribe: (onChange: () => void) => {
        if (!doc || wanted.length === 0) return () => {};
        doc.on('update', onChange);
        return () => doc.off('update', onChange);
      },
      get,
    };
  }, [doc, key]);
  const reached = useSyncExternalStore(store.subscribe, store.get);
  return useMemo(() => {
    const set = new Set(reached === '' ? [] : reached.split(','));
    return (version: AnchorVersion) => set.has(`${version.client}:${version.clock}`);
  }, [reached]);
}
