import { Mark, mergeAttributes } from '@tiptap/core';
import { Fragment, type MarkType, type Node as PMNode, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export const COMMENT_MARK = 'comment';

/**
 * The anchor of a comment thread: a mark on the commented phrase carrying the
 * thread's id. The thread itself lives in the entry's read-only comments
 * document (shared/model/comments.ts).
 *
 * - `excludes: ''`: two threads on overlapping phrases each keep their own
 *   extent (y-tiptap stores non-self-excluding marks side by side).
 * - `inclusive: false`: typing at the end of a commented phrase does not
 *   stretch the comment over the new words.
 * - Pasted slices lose the mark, so copying commented text never makes a second
 *   anchor for the same thread.
 *
 * Code that adds or removes the mark sets `addToHistory: false`: undo must not
 * take away an anchor whose thread stays on the server (tiptap #5077).
 * y-tiptap's undo manager captures only Yjs transactions whose meta says
 * `addToHistory !== false`, and stops capturing before such a change.
 */
export const CommentMark = Mark.create({
  name: COMMENT_MARK,
  excludes: '',
  inclusive: false,
  spanning: true,

  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-thread-id'),
        renderHTML: (attributes) => (typeof attributes.threadId === 'string' ? { 'data-thread-id': attributes.threadId } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-thread-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes({ class: 'comment-anchor' }, HTMLAttributes), 0];
  },

  addProseMirrorPlugins() {
    const type = this.type;
    return [
      new Plugin({
        key: new PluginKey('commentPaste'),
        props: { transformPasted: (slice) => withoutMark(slice, type) },
      }),
    ];
  },
});

/** The slice with every mark of `type` removed, at any depth. */
export function withoutMark(slice: Slice, type: MarkType): Slice {
  return new Slice(stripFragment(slice.content, type), slice.openStart, slice.openEnd);
}

function stripFragment(fragment: Fragment, type: MarkType): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    const inner = node.isText || node.isLeaf ? node : node.copy(stripFragment(node.content, type));
    nodes.push(inner.mark(type.removeFromSet(inner.marks)));
  });
  return Fragment.from(nodes);
}

/** Where a thread's phrase is in the text now. */
export interface Anchor {
  threadId: string;
  from: number;
  to: number;
  /** The phrase as it reads now (paragraphs it spans joined by a space). */
  text: string;
}

/** Every comment mark's extent in the document, in document order (by where the phrase starts). */
export function findAnchors(doc: PMNode): Anchor[] {
  const byId = new Map<string, Anchor>();
  doc.descendants((node, pos) => {
    if (!node.isText) return;
    for (const mark of node.marks) {
      if (mark.type.name !== COMMENT_MARK) continue;
      const threadId = mark.attrs.threadId as unknown;
      if (typeof threadId !== 'string') continue;
      const found = byId.get(threadId);
      const text = node.text ?? '';
      if (!found) byId.set(threadId, { threadId, from: pos, to: pos + node.nodeSize, text });
      else {
        // A gap means the phrase continues in another paragraph (it was split) or around a non-text node.
        const joined = found.to === pos || /\s$/.test(found.text) || /^\s/.test(text);
        found.text += joined ? text : ` ${text}`;
        found.to = pos + node.nodeSize;
      }
    }
  });
  return [...byId.values()].sort((a, b) => a.from - b.from);
}
