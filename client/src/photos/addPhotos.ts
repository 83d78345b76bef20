import type { Editor } from '@tiptap/core';
import { GapCursor } from '@tiptap/pm/gapcursor';
import { TextSelection } from '@tiptap/pm/state';
import { newId } from '#shared/model/ids.js';
import { MAX_PHOTO_UPLOAD_BYTES } from '#shared/model/quotas.js';
import { PHOTO_NODE } from '#shared/schema/photoNode.js';
import { showToast } from '../toast/toastStore';
import type { PhotoUploadQueue } from './PhotoUploadQueue';


/** Phones name HEIC photos without a type on some systems: the name says what they are. */
const PHOTO_NAME = /\.(jpe?g|png|webp|gif|heic|heif|avif)$/i;

export function isPhotoFile(file: File): boolean {
  return file.type.startsWith('image/') || (file.type === '' && PHOTO_NAME.test(file.name));
}

/**
 * Puts photos in the entry at once, at `pos` (a drop) or the caret, each
 * with a new id made here, and hands them to the upload queue, which keeps
 * them on the device and sends them. Files that are not photos, or too big
 * to be kept, are left out with a word about why. Returns how many went in.
 */
export function addPhotos(
  editor: Editor,
  files: readonly File[],
  where: { journalId: string; entryId: string; queue: PhotoUploadQueue; pos?: number | null },
): number {
  const photos = files.filter(isPhotoFile);
  const notPhotos = files.length - photos.length;
  const fitting = photos.filter((file) => file.size <= MAX_PHOTO_UPLOAD_BYTES);
  // The server's limit: a bigger file is not worth sending only to be refused.
  const tooBig = photos.length - fitting.length;
  if (notPhotos > 0) {
    showToast({ message: notPhotos === 1 ? 'That file isn’t a photo, so it was left out.' : `${notPhotos} files aren’t photos, so they were left out.`, tone: 'error' });
  }
  if (tooBig > 0) {
    showToast({
      message: `${tooBig === 1 ? 'A photo is' : `${tooBig} photos are`} bigger than 25 MB, too big to keep. Try a smaller copy: most phones can share a photo at a smaller size.`,
      tone: 'error',
      durationMs: 10_000,
    });
  }
  if (fitting.length === 0) return 0;
  const added = fitting.map((file) => ({ file, id: newId() }));
  const content = added.map(({ id }) => ({ type: PHOTO_NODE, attrs: { id, caption: '' } }));
  const chain = editor.chain().focus();
  const inserted = (where.pos === undefined || where.pos === null ? chain.insertContent(content) : chain.insertContentAt(blockBoundary(editor, where.pos), content))
    .command(({ tr }) => {
      // The last photo is selected now, and the next key typed would replace it: the caret goes
      // to the text after the photos instead (a new paragraph when they ended the entry), or
      // between them and the next photo, where typing starts a paragraph.
      const after = tr.selection.to;
      const $after = tr.doc.resolve(after);
      const next = $after.nodeAfter;
      if (next?.isTextblock) tr.setSelection(TextSelection.create(tr.doc, after + 1));
      else if (!next && $after.depth === 0) {
        tr.insert(after, tr.doc.type.schema.nodes.paragraph.create());
        tr.setSelection(TextSelection.create(tr.doc, after + 1));
      } else if (!$after.parent.inlineContent) tr.setSelection(new GapCursor($after));
      return true;
    })
    .run();
  if (!inserted) return 0;
  const now = Date.now();
  added.forEach(({ file, id }, i) => {
    // Oldest first in the queue means in the order they were picked.
    void where.queue.add({ journalId: where.journalId, photoId: id, entryId: where.entryId, blob: file }, now + i);
  });
  return added.length;
}

/** A drop lands between blocks (after the one it fell on), never splitting a paragraph in two. */
function blockBoundary(editor: Editor, pos: number): number {
  const $pos = editor.state.doc.resolve(Math.min(pos, editor.state.doc.content.size));
  return $pos.depth === 0 ? $pos.pos : $pos.after(1);
}
