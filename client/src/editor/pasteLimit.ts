import { Extension } from '@tiptap/core';
import type { Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { entryDocument } from '#shared/documents/entry.js';
import { MAX_PASTE_CHARS } from '#shared/protocol/limits.js';
import { showToast } from '../toast/toastStore';

/**
 * Refuses a paste or drop too large to sync, and says so, instead of letting
 * it become an update the relay refuses (and that would stop syncing the
 * entry until the page is reloaded and the paste undone): too many characters
 * for one frame, or too many paragraphs for one update (the entry kind's
 * `shape`, shared/documents/entry.ts).
 */
export const PasteLimit = Extension.create({
  name: 'pasteLimit',
  addProseMirrorPlugins() {
    const refuse = (slice: Slice): boolean => {
      const chars = slice.content.textBetween(0, slice.content.size, '\n', ' ').length;
      // The relay also bounds the shared types (a block is an element and its text) and runs of
      // text (a run with marks is a few structs) one update may carry; stay well inside both.
      let blocks = 0;
      let runs = 0;
      slice.content.descendants((node) => {
        if (node.isText) runs++;
        else blocks++;
      });
      const { shape } = entryDocument;
      const tooManyBlocks = blocks * 2 > shape.maxTypesPerUpdate * 0.9 || blocks * 2 + runs * 3 > shape.maxStructsPerUpdate * 0.9;
      if (chars <= MAX_PASTE_CHARS && !tooManyBlocks) return false;
      const message = tooManyBlocks
        ? `That is too many paragraphs to add at once (${blocks.toLocaleString()}). Paste it in smaller parts, a few thousand paragraphs at a time.`
        : `That is too much to add at once (${Math.round(chars / 1000).toLocaleString()} thousand characters; up to ${MAX_PASTE_CHARS.toLocaleString()} at a time). Paste it in smaller parts.`;
      showToast({ message, tone: 'error', durationMs: 8000 });
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
