import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { PresenceUser } from '../collab/presence';

export const ENTRY_PLACEHOLDER = 'Write about your day…';

/** The field of the entry document that holds the body. */
export const ENTRY_BODY_FIELD = 'default';

/**
 * The entry editor's extensions. The schema (which nodes and marks exist)
 * must be the same for both partners, or one client drops what the other wrote.
 */
export function entryExtensions(options: { doc: Y.Doc; provider: WebsocketProvider; user: PresenceUser }): Extensions {
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
    // The body starts empty and shows this; it is never written into the document.
    Placeholder.configure({ placeholder: ENTRY_PLACEHOLDER }),
    Collaboration.configure({ document: options.doc, field: ENTRY_BODY_FIELD }),
    CollaborationCaret.configure({ provider: options.provider, user: options.user }),
  ];
}
