import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Selection, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/**
 * ProseMirror learns of a new page selection from the `selectionchange`
 * event, a task later. Anything the partner does in between (an edit, or only
 * their caret moving) makes ProseMirror redraw and write back the selection
 * it still had: the words just selected are deselected, and "Add comment"
 * finds nothing. This plugin reads such a page selection first:
 *
 * - before a remote Yjs change, and hands it to y-tiptap, which keeps it (as
 *   relative positions) across the change. That uses y-tiptap's
 *   `beforeTransactionSelection`, which is internal: check it when upgrading
 *   @tiptap/y-tiptap.
 * - in a transaction that changes neither the text nor the selection (the
 *   partner's caret, decorations), by appending the page's selection to it.
 *
 * Focus does not matter: text selected while the editor is unfocused is taken
 * in a selectionchange later too (followDomSelection).
 */
export const KeepDomSelection = Extension.create({
  name: 'keepDomSelection',
  addProseMirrorPlugins() {
    let view: EditorView | null = null;
    return [
      new Plugin({
        key: new PluginKey('keepDomSelection'),
        appendTransaction: (transactions, _old, state) => {
          if (!view || transactions.some(changesTextOrSelection)) return null;
          const page = pageSelection(view);
          if (!page || (page.anchor === state.selection.anchor && page.head === state.selection.head)) return null;
          return state.tr.setSelection(textSelection(state.doc, page));
        },
        view: (editorView) => {
          view = editorView;
          const binding = (ySyncPluginKey.getState(editorView.state) as { binding?: ProsemirrorBinding } | undefined)?.binding;
          const doc = binding?.doc as Y.Doc | undefined;
          if (!binding || !doc) return { destroy: () => void (view = null) };
          const onBeforeTransaction = (transaction: Y.Transaction) => {
            // Our own edits reach Yjs from ProseMirror; only remote changes move the text under a selection.
            if (transaction.local) return;
            const page = pageSelection(editorView);
            const known = editorView.state.selection;
            if (!page || (page.anchor === known.anchor && page.head === known.head)) return;
            editorView.dispatch(editorView.state.tr.setSelection(textSelection(editorView.state.doc, page)));
            (binding as unknown as { beforeTransactionSelection: unknown }).beforeTransactionSelection = getRelativeSelection(binding, editorView.state);
          };
          doc.on('beforeTransaction', onBeforeTransaction);
          return {
            destroy: () => {
              doc.off('beforeTransaction', onBeforeTransaction);
              view = null;
            },
          };
        },
      }),
    ];
  },
});

/** A valid selection for page positions (one may sit between blocks, next to a rule or a task's checkbox). */
function textSelection(doc: PMNode, { anchor, head }: { anchor: number; head: number }): Selection {
  return TextSelection.between(doc.resolve(anchor), doc.resolve(head));
}

function changesTextOrSelection(transaction: Transaction): boolean {
  return transaction.docChanged || transaction.selectionSet;
}

/**
 * The page's text selection as document positions, when it is a range inside
 * this editor; null otherwise, and while an input method is composing (the
 * page then holds text ProseMirror has not read yet).
 */
function pageSelection(view: EditorView): { anchor: number; head: number } | null {
  if (view.composing) return null;
  const dom = view.dom.ownerDocument.getSelection();
  if (!dom || dom.isCollapsed || !dom.anchorNode || !dom.focusNode) return null;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
  try {
    const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
    return anchor === head ? null : { anchor, head };
  } catch {
    return null;
  }
}
