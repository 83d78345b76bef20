import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindInputToYText } from './bindInputToYText';

/**
 * The entry's title: a plain input bound to the entry document's `title`
 * Y.Text. Uncontrolled on purpose: React re-rendering the value would fight
 * the binding and move the caret.
 */
export function TitleInput({ ytext, onEnter, autoFocus = false }: { ytext: Y.Text; onEnter: () => void; autoFocus?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    return bindInputToYText(input, ytext);
  }, [ytext]);

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);

  return (
    <input
      ref={ref}
      className="entry__title"
      aria-label="Entry title"
      placeholder="Give this day a title"
      maxLength={200}
      autoComplete="off"
      spellCheck
      onKeyDown={(e) => {
        // Enter in the title moves on to the text, like in most writing apps.
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          onEnter();
        }
      }}
    />
  );
}
