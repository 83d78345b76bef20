import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindInputToYText } from '../editor/bindInputToYText';

/** Long enough for a heartfelt paragraph or three; the check-in is a conversation, not an essay. */
const MAX_CHARS = 5_000;

/**
 * A text area bound to one Y.Text of the check-in: what you type merges with
 * your other devices' words, offline too. Uncontrolled, so React re-renders
 * never fight the binding over the caret.
 */
export function CheckinText({ ytext, label, placeholder }: { ytext: Y.Text; label: string; placeholder?: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    return bindInputToYText(area, ytext);
  }, [ytext]);
  return <textarea ref={ref} className="checkin-text" aria-label={label} placeholder={placeholder} maxLength={MAX_CHARS} rows={3} spellCheck />;
}
