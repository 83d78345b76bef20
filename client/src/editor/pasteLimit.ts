import { Extension } from '@tiptap/core';
import type { Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { MAX_PASTE_CHARS } from '../../../shared/protocol/limits';
import { showToast } from '../ui/toastStore';

/**
 * Refuses a paste or drop too large to sync, and says so, instead of letting
 * it become an update the relay refuses (and that would stop syncing the
 * entry until the page is reloaded and the paste undone).
 */
export const PasteLimit = Extension.create({
  name: 'pasteLimit',
  addProseMirrorPlugins() {
    const refuse = (slice: Slice): boolean => {
      const chars = slice.content.textBetween(0, slice.content.size, '\n', ' ').length;
      if (chars <= MAX_PASTE_CHARS) return false;
      const size = `${Math.round(chars / 1000).toLocaleString()} thousand characters`;
      showToast({
        message: `That is too much to add at once (${size}; up to ${MAX_PASTE_CHARS.toLocaleString()} at a time). Paste it in smaller parts.`,
        tone: 'error',
        durationMs: 8000,
      });
      return true;
    };
    return [
      new Plugin({
        key: new PluginKey('pasteLimit'),
        props: {
          handlePaste: (_view, _event, slice) => refuse(slice),
          handleDrop: (_view, _event, slice) => refuse(slice),
        },
      }),
    ];
  },
});
