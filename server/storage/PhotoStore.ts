import type { Readable } from 'node:stream';
import type { PhotoSize } from '#shared/model/photoSizes.js';

export type { PhotoSize };

/**
 * Where photos live (docs/design/memories.md, "Photos"): what the server
 * knows of each photo, and the files of its three sizes. Files are
 * content-addressed by the SHA-256 of the upload they were made from, so the
 * same photo sent twice (under two ids, or by both partners) is stored once;
 * each photo id belongs to one journal for good.
 *
 * A backend keeps files wherever it likes (the embedded one: a folder beside
 * the database); bytes go in and come out as streams, so no photo is ever held
 * whole in memory. Rules every backend meets: tests/helpers/photoStoreContract.ts.
 */

/** The files made from one upload. */
export interface PhotoFiles {
  /** SHA-256 of the upload, 64 lowercase hex digits: the files' address. */
  hash: string;
  /** Media type of every size: `image/jpeg`, or `image/webp` for a picture with transparency. */
  type: string;
  /** Of the `full` size, after the orientation was applied. */
  width: number;
  height: number;
  /** Each size's file length. */
  bytes: Record<PhotoSize, number>;
}

/** A photo: an id in one journal, pointing at files. */
export interface StoredPhoto {
  id: string;
  journalId: string;
  hash: string;
  /** The entry it was added to, as the uploader said (null when not said). */
  entryId: string | null;
  uploadedBy: string;
  uploadedAt: number;
  width: number;
  height: number;
  type: string;
  /** What it counts against its journal's quota: the three sizes' lengths together. */
  bytes: number;
}

/** What `addPhoto` did. */
export type AddPhotoOutcome =
  | { outcome: 'added'; photo: StoredPhoto }
  /** The id is this journal's already: the photo as first stored (a retried upload). */
  | { outcome: 'exists'; photo: StoredPhoto }
  /** The id belongs to another journal. */
  | { outcome: 'taken' }
  /** The journal would hold more than `maxJournalBytes`; `used` is what it holds now. */
  | { outcome: 'full'; used: number };

export interface PhotoStore {
  /** A photo by id, whichever journal it is in; null if no photo has the id. */
  photo(photoId: string): Promise<StoredPhoto | null>;
  /** A journal's photos, oldest first. */
  photosOf(journalId: string): Promise<StoredPhoto[]>;
  /** What a journal's photos count against its quota. */
  bytesOf(journalId: string): Promise<number>;

  /** The files made from an upload, once all of them are stored (`recordFiles`); else null. */
  files(hash: string): Promise<PhotoFiles | null>;
  /**
   * Stores one size's file from `source`, answering its length. Atomic: until
   * it resolves, and forever if it fails or the process dies meanwhile, no
   * half file is readable under the name (a second write of the same hash and
   * size replaces the file whole).
   */
  writeFile(hash: string, size: PhotoSize, source: Readable): Promise<number>;
  /** Records the files of an upload once every size is written: from then on `files(hash)` finds them. */
  recordFiles(files: PhotoFiles): Promise<void>;
  /** One size's bytes as a stream, with their length; null when the file is not there. */
  openFile(hash: string, size: PhotoSize): Promise<{ stream: Readable; bytes: number } | null>;

  /**
   * Adds a photo whose files are recorded, in one step with the checks: an id
   * already used answers what it is (never stored twice, never moved to another
   * journal), and a journal that would pass `maxJournalBytes` is refused.
   */
  addPhoto(photo: Omit<StoredPhoto, 'width' | 'height' | 'type' | 'bytes'>, maxJournalBytes: number): Promise<AddPhotoOutcome>;
}
