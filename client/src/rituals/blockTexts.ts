import * as Y from 'yjs';

/** The text of each block of a rich-text body, for reading (formatting aside). */
export function blockTexts(fragment: Y.XmlFragment): string[] {
  const blocks: string[] = [];
  const textOf = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): string => {
    if (node instanceof Y.XmlText) return node.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    if (node instanceof Y.XmlElement) return node.toArray().map((child) => textOf(child as Y.XmlElement | Y.XmlText)).join('');
    return '';
  };
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      // A list or a quote holds blocks; a paragraph or heading is one.
      const holdsBlocks = child.toArray().some((c) => c instanceof Y.XmlElement && c.nodeName !== 'hardBreak');
      if (holdsBlocks && child.nodeName !== 'paragraph' && child.nodeName !== 'heading') walk(child);
      else blocks.push(textOf(child));
    }
  };
  walk(fragment);
  return blocks.filter((text) => text.trim() !== '');
}
