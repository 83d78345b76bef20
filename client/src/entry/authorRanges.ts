import type { Node as PMNode } from '@tiptap/pm/model';
import * as Y from 'yjs';

/** A stretch of an entry's text and the Yjs client that wrote it. */
export interface AuthorRange {
  from: number;
  to: number;
  client: number;
}

/**
 * Where each client's characters are in the editor's document, found by
 * walking the ProseMirror document and the Yjs fragment it is bound to side by
 * side (the Collaboration binding keeps them the same shape: one element per
 * node, one XmlText per run of text in a textblock, 1 position per inline
 * atom). Where the two differ for a moment (a remote change still being
 * applied) the walk stops at the difference: a tint may lag, never land on
 * the wrong words. Adjacent characters by the same client come back as one range.
 */
export function authorRanges(doc: PMNode, fragment: Y.XmlFragment): AuthorRange[] {
  const ranges: AuthorRange[] = [];
  const add = (from: number, to: number, client: number) => {
    const last = ranges[ranges.length - 1];
    if (last && last.client === client && last.to === from) last.to = to;
    else ranges.push({ from, to, client });
  };
  walk(doc, 0, fragment.toArray(), add);
  return ranges;
}

type YChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

function walk(node: PMNode, contentStart: number, children: YChild[], add: (from: number, to: number, client: number) => void): void {
  if (node.isTextblock) {
    let pos = contentStart;
    const end = contentStart + node.content.size;
    for (const child of children) {
      if (child instanceof Y.XmlText) {
        for (let item = child._start; item !== null; item = item.right) {
          if (item.deleted || !item.countable) continue;
          if (pos + item.length > end) return;
          add(pos, pos + item.length, item.id.client);
          pos += item.length;
        }
      } else pos += 1;
    }
    return;
  }
  let pos = contentStart;
  const count = Math.min(node.childCount, children.length);
  for (let i = 0; i < count; i++) {
    const pmChild = node.child(i);
    const yChild = children[i];
    if (!(yChild instanceof Y.XmlElement) || yChild.nodeName !== pmChild.type.name) return;
    if (!pmChild.isAtom) walk(pmChild, pos + 1, yChild.toArray() as YChild[], add);
    pos += pmChild.nodeSize;
  }
}
