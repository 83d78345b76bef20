import * as Y from 'yjs';

/**
 * The first `maxChars` characters of an entry's text, read straight from the
 * Yjs fragment (no editor needed), with blocks separated by a space. Stops
 * walking once it has enough, so long entries cost no more than short ones.
 */
export function fragmentPlainText(fragment: Y.XmlFragment, maxChars: number): string {
  const parts: string[] = [];
  let length = 0;

  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook): void => {
    if (length > maxChars) return;
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as Array<{ insert?: unknown }>) {
        if (typeof op.insert === 'string') {
          parts.push(op.insert);
          length += op.insert.length;
        }
      }
      return;
    }
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) {
        walk(child);
        // Every element is a block, a list item or a hard break: all read as a gap.
        if (child instanceof Y.XmlElement) {
          parts.push(' ');
          length += 1;
        }
      }
    }
  };

  walk(fragment);
  return truncate(parts.join('').replace(/\s+/g, ' ').trim(), maxChars);
}

/** Cuts at a word boundary when one is near, and marks the cut. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Whether a rich-text body holds any words (not only spaces): an answer worth sharing. */
export function hasWords(fragment: Y.XmlFragment): boolean {
  return fragmentPlainText(fragment, 1) !== '';
}
