import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { ENTRY_BODY_FIELD, entryContentExtensions } from '#shared/schema/entryContent.js';
import { PHOTO_NODE } from '#shared/schema/photoNode.js';
import type { PresenceUser } from '../collab/presence';
import { CommentShortcut } from '../comments/commentShortcut';
import { KeepDomSelection } from './keepDomSelection';
import { PasteLimit } from './pasteLimit';
import { EntryPhoto } from './photoExtension';

export { ENTRY_BODY_FIELD };

export const ENTRY_PLACEHOLDER = 'Write about your day…';

/**
 * The entry editor's extensions: the shared content schema plus what only an
 * editor on screen needs (placeholder, collaboration, carets).
 */
export function entryExtensions(options: {
  doc: Y.Doc;
  awareness: Awareness;
  user: PresenceUser;
  /** Mod-Alt-m: open the comment form; false when there is nothing to comment on. */
  onCommentShortcut?: () => boolean;
  /** Photos dropped or pasted into the text (pos null: at the caret); false when this editor takes none. */
  onPhotoFiles?: (files: File[], pos: number | null) => boolean;
}): Extensions {
  return [
    // The shared photo node is replaced by the same node with its view on screen.
    ...entryContentExtensions().filter((extension) => extension.name !== PHOTO_NODE),
    EntryPhoto.configure({ onFiles: options.onPhotoFiles ?? (() => false) }),
    // The body starts empty and shows this; it is never written into the document.
    Placeholder.configure({ placeholder: ENTRY_PLACEHOLDER }),
    Collaboration.configure({ document: options.doc, field: ENTRY_BODY_FIELD }),
    // The caret extension reads only the awareness of what it calls a provider.
    CollaborationCaret.configure({ provider: { awareness: options.awareness }, user: options.user }),
    KeepDomSelection,
    PasteLimit,
    CommentShortcut.configure({ onRequest: options.onCommentShortcut ?? (() => false) }),
  ];
}
