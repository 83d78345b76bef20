import { type Extensions, getSchema } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';
import { CommentMark } from './commentMark.js';
import { PhotoNode } from './photoNode.js';

export { ENTRY_BODY_FIELD, ENTRY_TITLE_FIELD } from '../documents/entry.js';

/**
 * The extensions that define what an entry may contain. Both partners' editors
 * and any server-side or test code that reads entries build their schema from
 * this one list: a node one side does not know is dropped by the other. No DOM
 * is needed to build it.
 */
export function entryContentExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings a Yjs undo manager that undoes only our own edits.
      undoRedo: false,
      // TrailingNode appends a paragraph when a document is opened; with two
      // clients that is a write on load, and it can duplicate (tiptap #3729).
      trailingNode: false,
      // The page owns <h1>; entry headings start at level 2.
      heading: { levels: [2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    // Anchors of comment threads; in the shared schema so neither side drops them.
    CommentMark,
    // A reference to a stored photo (docs/design/memories.md, "Photos").
    PhotoNode,
  ];
}

/** The ProseMirror schema of an entry body, for code that works without an editor. */
export function entrySchema(): Schema {
  return getSchema(entryContentExtensions());
}
