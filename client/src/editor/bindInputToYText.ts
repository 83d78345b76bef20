import type * as Y from 'yjs';
import { diffText, mapThroughDelta } from './textDiff';

/**
 * Binds a plain <input> or <textarea> to a Y.Text in both directions. Local typing writes
 * the minimal change; a change from elsewhere rewrites the value and carries
 * the local selection through it, so the caret does not jump to the end
 * while a partner edits the same title. Returns an unbind function.
 */
export function bindInputToYText(input: HTMLInputElement | HTMLTextAreaElement, ytext: Y.Text): () => void {
  // Marks our own transactions, so the observer can skip them.
  const origin = Symbol('title-input');

  input.value = ytext.toString();

  const onInput = () => {
    const change = diffText(ytext.toString(), input.value, input.selectionEnd ?? undefined);
    if (!change) return;
    const doc = ytext.doc;
    const apply = () => {
      if (change.deleteCount > 0) ytext.delete(change.index, change.deleteCount);
      if (change.insert) ytext.insert(change.index, change.insert);
    };
    if (doc) doc.transact(apply, origin);
    else apply();
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    const focused = document.activeElement === input;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    const direction = input.selectionDirection ?? 'none';
    input.value = ytext.toString();
    if (focused) input.setSelectionRange(mapThroughDelta(start, event.delta), mapThroughDelta(end, event.delta), direction);
  };

  input.addEventListener('input', onInput);
  ytext.observe(observer);
  return () => {
    input.removeEventListener('input', onInput);
    ytext.unobserve(observer);
  };
}
