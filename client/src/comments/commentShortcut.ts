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

/** Whether a key event is Mod-Alt-m, for views where ProseMirror runs no key bindings (not editable). */
export function isCommentShortcut(event: KeyboardEvent): boolean {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = mac ? event.metaKey : event.ctrlKey;
  // With Alt held, macOS types a different character: the key's code says which key it was.
  return mod && event.altKey && !event.shiftKey && (event.code === 'KeyM' || event.key.toLowerCase() === 'm');
}
