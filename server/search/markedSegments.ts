import type { Segment } from '#shared/api/searchTypes.js';
import { MATCH_END, MATCH_START } from '../storage/SearchIndex.js';

/**
 * Text with matched words between MATCH_START and MATCH_END (as the index
 * marks them) as segments, so a client shows matches without any markup from
 * the server: whatever a partner wrote stays text. Neighbouring pieces of the
 * same kind are joined.
 */
export function markedSegments(marked: string): Segment[] {
  const segments: Segment[] = [];
  let match = false;
  let text = '';
  const push = () => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = '';
  };
  for (const char of marked) {
    if (char === MATCH_START || char === MATCH_END) {
      push();
      match = char === MATCH_START;
    } else text += char;
  }
  push();
  return segments;
}
