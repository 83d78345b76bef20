import type { Editor } from '@tiptap/core';

/** Where a photo stands among the blocks around it: whether it can move up or down. */
export function photoPlace(editor: Editor, pos: number | undefined): { first: boolean; last: boolean } {
  if (pos === undefined) return { first: true, last: true };
  const $pos = editor.state.doc.resolve(pos);
  return { first: $pos.index() === 0, last: $pos.index() >= $pos.parent.childCount - 1 };
}

/**
 * Moves the photo at `pos` one block up or down among its siblings (past a
 * paragraph, a list, another photo). One transaction, so one undo step.
 * Returns false when it is already at that end.
 */
export function movePhoto(editor: Editor, pos: number, direction: -1 | 1): boolean {
  const { state } = editor;
  const node = state.doc.nodeAt(pos);
  if (!node) return false;
  const $pos = state.doc.resolve(pos);
  const index = $pos.index();
  const parent = $pos.parent;
  const tr = state.tr;
  if (direction === -1) {
    if (index === 0) return false;
    const before = parent.child(index - 1);
    tr.delete(pos, pos + node.nodeSize).insert(pos - before.nodeSize, node);
  } else {
    if (index >= parent.childCount - 1) return false;
    const after = parent.child(index + 1);
    // Once the photo is out, the next block starts where the photo was.
    tr.delete(pos, pos + node.nodeSize).insert(pos + after.nodeSize, node);
  }
  editor.view.dispatch(tr.scrollIntoView());
  return true;
}
