import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/**
 * ProseMirror learns of a new page selection from the `selectionchange`
 * event, a task later. If the partner's edit arrives in between, y-tiptap
 * restores the selection ProseMirror still had and writes it to the page: the
 * words just selected are deselected (and "Add comment" finds nothing).
 * Before a remote change is applied, this reads such a page selection into
 * ProseMirror and hands it to y-tiptap (which keeps it, as relative positions,
 * across the change). It uses y-tiptap's `beforeTransactionSelection`, which
 * is internal: check it when upgrading @tiptap/y-tiptap.
 */
export const KeepDomSelection = Extension.create({
  name: 'keepDomSelection',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('keepDomSelection'),
        view: (view) => {
          const binding = (ySyncPluginKey.getState(view.state) as { binding?: ProsemirrorBinding } | undefined)?.binding;
          const doc = binding?.doc as Y.Doc | undefined;
          if (!binding || !doc) return {};
          const onBeforeTransaction = (transaction: Y.Transaction) => {
            // Our own edits reach Yjs from ProseMirror; only remote changes move the text under a selection.
            if (transaction.local || !view.hasFocus()) return;
            if (!readPageSelection(view)) return;
            (binding as unknown as { beforeTransactionSelection: unknown }).beforeTransactionSelection = getRelativeSelection(binding, view.state);
          };
          doc.on('beforeTransaction', onBeforeTransaction);
          return { destroy: () => doc.off('beforeTransaction', onBeforeTransaction) };
        },
      }),
    ];
  },
});

/** Dispatches the page's text selection when ProseMirror's differs; true when it did. */
function readPageSelection(view: EditorView): boolean {
  const dom = view.dom.ownerDocument.getSelection();
  if (!dom || dom.isCollapsed || !dom.anchorNode || !dom.focusNode) return false;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return false;
  try {
    const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
    const known = view.state.selection;
    if (anchor === head || (known.anchor === anchor && known.head === head)) return false;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)));
    return true;
  } catch {
    return false;
  }
}
