import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { ITEM_INPUT_CHARS } from '#shared/documents/bucket.js';
import { bindInputToYText } from '../editor/bindInputToYText';

/** Grows the field to its words, so a long wish wraps instead of scrolling out of sight. */
function fit(area: HTMLTextAreaElement) {
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight}px`;
}

/**
 * An item's words, edited in place: a text area bound to the item's Y.Text,
 * so both partners can change the same wish at once and keep each other's
 * words, offline too. Uncontrolled, so React never fights the binding over
 * the caret. Enter finishes (a wish is one line).
 */
export function ItemText({ ytext, label, done }: { ytext: Y.Text; label: string; done: boolean }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    const unbind = bindInputToYText(area, ytext);
    const refit = () => fit(area);
    refit();
    area.addEventListener('input', refit);
    ytext.observe(refit);
    window.addEventListener('resize', refit);
    return () => {
      unbind();
      area.removeEventListener('input', refit);
      ytext.unobserve(refit);
      window.removeEventListener('resize', refit);
    };
  }, [ytext]);
  return (
    <textarea
      ref={ref}
      className={done ? 'bucket-item__text bucket-item__text--done' : 'bucket-item__text'}
      aria-label={label}
      rows={1}
      maxLength={ITEM_INPUT_CHARS}
      spellCheck
      placeholder="Something to do together"
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          event.currentTarget.blur();
        }
      }}
    />
  );
}
