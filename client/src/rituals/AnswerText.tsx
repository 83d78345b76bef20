import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { entryBody } from '#shared/documents/entry.js';

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

/** A partner's answer, read only and live: it follows their edits as they make them. */
export function AnswerText({ doc, emptyText }: { doc: Y.Doc; emptyText: string }) {
  const [blocks, setBlocks] = useState(() => blockTexts(entryBody(doc)));
  useEffect(() => {
    const body = entryBody(doc);
    const update = () => setBlocks(blockTexts(body));
    update();
    body.observeDeep(update);
    return () => body.unobserveDeep(update);
  }, [doc]);
  if (blocks.length === 0) return <p className="answer__empty">{emptyText}</p>;
  return (
    <div className="answer__text">
      {blocks.map((text, i) => (
        <p key={i}>{text}</p>
      ))}
    </div>
  );
}
