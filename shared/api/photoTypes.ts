/** What the photo routes answer (docs/design/memories.md, "Photos"); the sizes are in shared/model/photoSizes.ts. */

/** The multipart field that carries the photo's file, and the optional one naming the entry it was added to. */
export const PHOTO_FILE_FIELD = 'photo';
export const PHOTO_ENTRY_FIELD = 'entryId';

/** A stored photo, as the upload and the list answer it. */
export interface PhotoInfo {
  id: string;
  /** The entry it was added to, as its uploader said (null when not said). */
  entryId: string | null;
  /** Who uploaded it (user id) and when (ms since 1970). */
  by: string;
  at: number;
  /** In pixels, after the orientation was applied (the `full` size; the others keep the proportions). */
  width: number;
  height: number;
  /** The media type of every size: `image/jpeg`, or `image/webp` for a picture with transparency. */
  type: string;
}
