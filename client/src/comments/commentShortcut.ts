import { Extension } from '@tiptap/core';

export interface CommentShortcutOptions {
  /** Called on Mod-Alt-m; reads the latest handler through a ref so the editor is not rebuilt. */
  onRequest: () => boolean;
}

/** Mod-Alt-m opens the comment form for the selected text (as Google Docs does). */
export const CommentShortcut = Extension.create<CommentShortcutOptions>({
  name: 'commentShortcut',
  addOptions() {
    return { onRequest: () => false };
  },
  addKeyboardShortcuts() {
    return { 'Mod-Alt-m': () => this.options.onRequest() };
  },
});
