import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { type Anchor, COMMENT_MARK, findAnchors } from '#shared/schema/commentMark.js';

/** The anchors of the editor's document, kept current as the text changes (ours or the partner's). */
export function useAnchors(editor: Editor | null): Anchor[] {
  const [anchors, setAnchors] = useState<Anchor[]>([]);
  useEffect(() => {
    if (!editor) {
      setAnchors([]);
      return;
    }
    let last = '';
    const update = () => {
      const next = findAnchors(editor.state.doc);
      const key = next.map((a) => `${a.threadId}:${a.from}:${a.to}:${a.text}`).join('\n');
      if (key === last) return;
      last = key;
      setAnchors(next);
    };
    update();
    editor.on('update', update);
    return () => {
      editor.off('update', update);
    };
  }, [editor]);
  return anchors;
}

/**
 * Adds or removes a thread's mark in one transaction kept out of the undo
 * history: undo must never take away (or bring back) an anchor while its
 * thread stays on the server.
 */
export function addCommentMark(editor: Editor, from: number, to: number, threadId: string): void {
  const type = editor.schema.marks[COMMENT_MARK];
  editor.view.dispatch(editor.state.tr.addMark(from, to, type.create({ threadId })).setMeta('addToHistory', false));
}

export function removeCommentMark(editor: Editor, threadId: string): void {
  const type = editor.schema.marks[COMMENT_MARK];
  const { tr } = editor.state;
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText) return;
    for (const mark of node.marks) if (mark.type === type && mark.attrs.threadId === threadId) tr.removeMark(pos, pos + node.nodeSize, mark);
  });
  if (tr.docChanged) editor.view.dispatch(tr.setMeta('addToHistory', false));
}
