import type { Editor } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { MAX_QUOTE_CHARS } from '#shared/model/comments.js';

/** The selected text as a thread quotes it: one line, within the server's limit. */
export function selectedQuote(editor: Editor): string {
  const { from, to } = editor.state.selection;
  return editor.state.doc.textBetween(from, to, ' ', ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_QUOTE_CHARS);
}

/**
 * Remembers the quote of the selection as this person last made it. The
 * partner typing inside a selected phrase stretches the selection (it maps
 * through their edit), but the quote should stay what was chosen and read.
 */
export function trackSelectedQuote(editor: Editor): { current: () => string; stop: () => void } {
  let quote = selectedQuote(editor);
  const onTransaction = ({ transaction }: { transaction: Parameters<typeof isChangeOrigin>[0] }) => {
    if (isChangeOrigin(transaction)) return;
    if (transaction.selectionSet || transaction.docChanged) quote = selectedQuote(editor);
  };
  editor.on('transaction', onTransaction);
  return { current: () => (editor.state.selection.empty ? '' : quote), stop: () => editor.off('transaction', onTransaction) };
}
