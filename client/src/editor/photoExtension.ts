import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { PhotoNode } from '#shared/schema/photoNode.js';
import { isPhotoFile } from '../photos/addPhotos';
import { PhotoNodeView } from '../photos/PhotoNodeView';

export interface EntryPhotoOptions {
  /** Photos dropped (at `pos`) or pasted (pos null) into the text; false when this editor takes no photos. */
  onFiles: (files: File[], pos: number | null) => boolean;
}

/**
 * The shared `photo` node (shared/schema/photoNode.ts) as the entry editor
 * shows it: a React view with the picture, its caption and its tools, and
 * photos dropped or pasted into the text.
 */
export const EntryPhoto = PhotoNode.extend<EntryPhotoOptions>({
  addOptions() {
    return { onFiles: () => false };
  },

  addNodeView() {
    return ReactNodeViewRenderer(PhotoNodeView);
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: new PluginKey('photoFiles'),
        props: {
          handleDrop(view, event, _slice, moved) {
            // A photo (or text) dragged within the entry is ProseMirror's to move.
            if (moved) return false;
            const files = filesOf(event.dataTransfer);
            if (files.length === 0) return false;
            event.preventDefault();
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            return options.onFiles(files, at?.pos ?? null);
          },
          handlePaste(_view, event) {
            const files = filesOf(event.clipboardData);
            if (files.length === 0) return false;
            return options.onFiles(files, null);
          },
        },
      }),
    ];
  },
});

/** The files carried by a drop or paste when at least one is a photo (others are left out with a word, in addPhotos). */
function filesOf(data: DataTransfer | null): File[] {
  const files = data ? Array.from(data.files) : [];
  return files.some(isPhotoFile) ? files : [];
}
