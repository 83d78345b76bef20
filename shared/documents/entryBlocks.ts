import * as Y from 'yjs';

/**
 * Blocks of an entry's body written by code rather than typed (the server's
 * date night entry, the start of a memory), in the editor's own Yjs
 * structure: TipTap through y-prosemirror keeps a node as an element named
 * after it and a mark as a text attribute holding the mark's attrs.
 */

/** A paragraph of runs of text, each plain or with marks (`bold`, `italic`). */
export function paragraph(parts: { text: string; bold?: boolean; italic?: boolean }[]): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  element.insert(0, [text]);
  let at = 0;
  for (const part of parts) {
    const marks: Record<string, object> = {};
    if (part.bold) marks.bold = {};
    if (part.italic) marks.italic = {};
    text.insert(at, part.text, marks);
    at += part.text.length;
  }
  return element;
}

/** An empty paragraph: a line to start writing on. */
export function emptyParagraph(): Y.XmlElement {
  return new Y.XmlElement('paragraph');
}
