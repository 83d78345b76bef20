import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';

/**
 * Makes the editor's selection match the page's, when the page has text
 * selected inside the editor that ProseMirror has not taken in (it reads the
 * DOM selection only while it has focus: text selected by a script, or
 * before the editor was ever focused). Returns whether text is selected now.
 */
export function adoptDomSelection(editor: Editor): boolean {
  const selection = window.getSelection();
  const { view } = editor;
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return !editor.state.selection.empty;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return !editor.state.selection.empty;
  try {
    const anchor = view.posAtDOM(anchorNode, selection.anchorOffset);
    const head = view.posAtDOM(focusNode, selection.focusOffset);
    if (anchor === head) return false;
    const current = view.state.selection;
    if (current.anchor === anchor && current.head === head) return true;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)));
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps adopting the page's selection while the editor is not focused, so a
 * selection made then is taken in before the partner's edits re-render the
 * text under it (which can move or collapse a DOM range).
 */
export function followDomSelection(editor: Editor): () => void {
  const onChange = () => {
    if (!editor.isDestroyed && !editor.view.hasFocus()) adoptDomSelection(editor);
  };
  document.addEventListener('selectionchange', onChange);
  return () => document.removeEventListener('selectionchange', onChange);
}
