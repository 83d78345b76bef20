import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { useEffect, useState } from 'react';
import { COMMENT_MARK } from '#shared/schema/commentMark.js';

/** Where a thread's phrase is in the text now. */
export interface Anchor {
  threadId: string;
  from: number;
  to: number;
  /** The phrase as it reads now (paragraphs it spans joined by a space). */
  text: string;
}

/** Every comment mark's extent in the document, in document order (by where the phrase starts). */
export function findAnchors(doc: PMNode): Anchor[] {
  const byId = new Map<string, Anchor>();
  doc.descendants((node, pos) => {
    if (!node.isText) return;
    for (const mark of node.marks) {
      if (mark.type.name !== COMMENT_MARK) continue;
      const threadId = mark.attrs.threadId as unknown;
      if (typeof threadId !== 'string') continue;
      const found = byId.get(threadId);
      const text = node.text ?? '';
      if (!found) byId.set(threadId, { threadId, from: pos, to: pos + node.nodeSize, text });
      else {
        // A gap means the phrase continues in another paragraph (it was split) or around a non-text node.
        const joined = found.to === pos || /\s$/.test(found.text) || /^\s/.test(text);
        found.text += joined ? text : ` ${text}`;
        found.to = pos + node.nodeSize;
      }
    }
  });
  return [...byId.values()].sort((a, b) => a.from - b.from);
}

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
