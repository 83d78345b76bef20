import type { StoredPhoto } from '../../storage/PhotoStore.js';
import { exporter } from '../Exporter.js';

export interface PhotoExport {
  id: string;
  entryId: string | null;
  uploadedBy: string;
  uploadedAt: number;
  width: number;
  height: number;
  type: string;
  /** Where its full size is in the archive. */
  file: string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/png': 'png', 'image/avif': 'avif' };

/** `photos/<id>.<ext>`: the archive path of a photo's full size. */
export const photoFile = (photo: Pick<StoredPhoto, 'id' | 'type'>) => `photos/${photo.id}.${EXTENSIONS[photo.type] ?? 'bin'}`;

/**
 * The journal's photos: their records here, their full-size files in
 * `photos/` (streamed from the photo store by the archive, never held whole).
 * Entries show them by relative path.
 */
export const photosExporter = exporter<StoredPhoto, PhotoExport>({
  key: 'photos',
  heading: 'Photos',
  async refs(source) {
    return [...(await source.storage.photos.photosOf(source.journal.id))].sort((a, b) => a.uploadedAt - b.uploadedAt || (a.id < b.id ? -1 : 1));
  },
  time: (photo) => photo.uploadedAt,
  load: async (_source, p) => ({ id: p.id, entryId: p.entryId, uploadedBy: p.uploadedBy, uploadedAt: p.uploadedAt, width: p.width, height: p.height, type: p.type, file: photoFile(p) }),
  // Shown where their entries show them.
  html: () => '',
});
