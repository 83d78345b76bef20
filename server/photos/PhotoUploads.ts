import { readdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { PhotoInfo } from '#shared/api/photoTypes.js';
import { readPhotoRecord, writePhotoRecord } from '#shared/documents/indexPhotos.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { isValidId } from '#shared/model/ids.js';
import { PHOTO_SIZES } from '#shared/model/photoSizes.js';
import {
  MAX_JOURNAL_PHOTO_BYTES,
  MAX_PHOTO_UPLOAD_BYTES,
  MAX_PHOTO_UPLOADS_PER_HOUR,
  PHOTO_UPLOAD_WINDOW_MS,
} from '#shared/model/quotas.js';
import { ConcurrencyGate, GateFullError } from '../auth/ConcurrencyGate.js';
import { RateLimiter } from '../auth/RateLimiter.js';
import type { Relay } from '../relay/Relay.js';
import type { Logger } from '../relay/types.js';
import type { PhotoFiles, PhotoSize, StoredPhoto } from '../storage/PhotoStore.js';
import type { Storage } from '../storage/Storage.js';
import { PhotoReferences } from './PhotoReferences.js';
import { PhotoRefusal } from './PhotoRefusal.js';
import { damaged, planPhoto, renderSize } from './renderPhoto.js';
import { sizeInWords } from './sizeInWords.js';
import { SPOOL_PREFIX, spoolUpload } from './spoolUpload.js';

/** The limits on photos; tests pass smaller ones. Defaults: shared/model/quotas.ts. */
export interface PhotoLimits {
  uploadBytes: number;
  journalBytes: number;
  uploadsPerWindow: number;
  windowMs: number;
}

export const PHOTO_LIMITS: PhotoLimits = {
  uploadBytes: MAX_PHOTO_UPLOAD_BYTES,
  journalBytes: MAX_JOURNAL_PHOTO_BYTES,
  uploadsPerWindow: MAX_PHOTO_UPLOADS_PER_HOUR,
  windowMs: PHOTO_UPLOAD_WINDOW_MS,
};

export interface PhotoUploadsOptions {
  storage: Storage;
  relay: Relay;
  references: PhotoReferences;
  log: Logger;
  now: () => number;
  /** Local folder for uploads being read and decoded (on the data disk, not in memory). */
  scratchDir: string;
  limits?: Partial<PhotoLimits>;
}

/** A photo as the API answers it. */
export function photoInfo(photo: StoredPhoto): PhotoInfo {
  return {
    id: photo.id,
    entryId: photo.entryId,
    by: photo.uploadedBy,
    at: photo.uploadedAt,
    width: photo.width,
    height: photo.height,
    type: photo.type,
  };
}

/**
 * Takes photos in (docs/design/memories.md, "Photos"): reads the upload to a
 * scratch file, checks and re-encodes it into the three sizes (each stored
 * once per content), adds the photo within the journal's quota, and writes
 * its record into the journal's index, where the partner's devices see it.
 * Membership is the caller's to check first.
 */
export class PhotoUploads {
  private readonly limits: PhotoLimits;
  private readonly perPerson: RateLimiter;
  /** Decoding is CPU and memory: two at a time, a few waiting, and the rest told to come back. */
  private readonly decoding = new ConcurrencyGate(2, 16);

  constructor(private readonly options: PhotoUploadsOptions) {
    this.limits = { ...PHOTO_LIMITS, ...options.limits };
    this.perPerson = new RateLimiter(this.limits.uploadsPerWindow, this.limits.windowMs, options.now);
  }

  /** Removes uploads a crash left in the scratch folder (one server per data folder, so none is in use). */
  async sweepScratch(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.options.scratchDir);
    } catch {
      return;
    }
    await Promise.all(names.filter((name) => name.startsWith(SPOOL_PREFIX)).map((name) => rm(join(this.options.scratchDir, name), { force: true })));
  }

  /**
   * Stores the photo `photoId` of `journalId` from the request's body, for
   * `userId` (a member). Answers the photo and whether it is new; a photo id
   * this journal already has is answered as stored, without reading the body.
   */
  async upload(req: IncomingMessage, journalId: string, photoId: string, userId: string): Promise<{ photo: StoredPhoto; created: boolean }> {
    const { storage } = this.options;
    const existing = await storage.photos.photo(photoId);
    if (existing) {
      if (existing.journalId !== journalId) throw taken();
      await this.publish(existing, false);
      return { photo: existing, created: false };
    }
    const wait = this.perPerson.check(userId);
    if (wait > 0) {
      throw new PhotoRefusal(429, 'too_many_photos', 'That is a lot of photos at once. Give it a little while, then the rest will go through.', {
        'retry-after': String(wait),
      });
    }
    this.perPerson.record(userId);
    const used = await storage.photos.bytesOf(journalId);
    if (used >= this.limits.journalBytes) throw this.full();

    const upload = await spoolUpload(req, this.options.scratchDir, this.limits.uploadBytes);
    try {
      const entryId = upload.entryId !== null && isValidId(upload.entryId) ? upload.entryId : null;
      const files = await this.filesFor(upload.path, upload.hash);
      const added = await storage.photos.addPhoto(
        { id: photoId, journalId, hash: files.hash, entryId, uploadedBy: userId, uploadedAt: this.options.now() },
        this.limits.journalBytes,
      );
      if (added.outcome === 'taken') throw taken();
      if (added.outcome === 'full') throw this.full();
      await this.publish(added.photo, added.outcome === 'added');
      return { photo: added.photo, created: added.outcome === 'added' };
    } finally {
      await upload.remove();
    }
  }

  /** The files made from an upload: made now, or found when the same bytes were sent before. */
  private async filesFor(path: string, hash: string): Promise<PhotoFiles> {
    const { photos } = this.options.storage;
    const known = await photos.files(hash);
    if (known) return known;
    try {
      return await this.decoding.run(async () => {
        const plan = await planPhoto(path);
        const bytes = { full: 0, display: 0, thumb: 0 } as Record<PhotoSize, number>;
        let width = 0;
        let height = 0;
        // Full first: a damaged file fails there, before anything else is written.
        for (const size of PHOTO_SIZES) {
          const rendered = renderSize(path, size, plan, (info) => {
            if (size === 'full') ({ width, height } = info);
          });
          try {
            bytes[size] = await photos.writeFile(hash, size, rendered);
          } catch (error) {
            throw error instanceof PhotoRefusal ? error : damaged(undefined, error);
          }
        }
        const files = { hash, type: plan.type, width, height, bytes };
        await photos.recordFiles(files);
        return files;
      });
    } catch (error) {
      if (error instanceof GateFullError) {
        throw new PhotoRefusal(503, 'busy', 'Duet is busy with many photos right now. Try again in a minute.', { 'retry-after': '30' });
      }
      throw error;
    }
  }

  /**
   * Writes the photo's record into its journal's index, if it is not there
   * yet, with `shownIn` read from the entry it was added to. Runs with that
   * entry's other work in turn, so an entry change racing the upload is
   * applied after the record exists.
   */
  private async publish(photo: StoredPhoto, fresh: boolean): Promise<void> {
    const { relay, references } = this.options;
    const room = indexRoom(photo.journalId);
    const write = async () => {
      const shownIn = photo.entryId && (await references.photosIn(photo.journalId, photo.entryId)).includes(photo.id) ? photo.entryId : null;
      const record = { entryId: photo.entryId, by: photo.uploadedBy, at: photo.uploadedAt, width: photo.width, height: photo.height, shownIn };
      await relay.change(room, (doc) => {
        // A retry finds the record there (and shownIn kept current since): only a lost one is written again.
        if (fresh || !readPhotoRecord(doc, photo.id)) writePhotoRecord(doc, photo.id, record);
      });
    };
    if (photo.entryId) await references.withEntry(photo.journalId, photo.entryId, write);
    else await write();
  }

  private full(): PhotoRefusal {
    return new PhotoRefusal(
      507,
      'journal_photos_full',
      `Your journal is full of photos: it holds the most Duet keeps for one journal (${sizeInWords(this.limits.journalBytes)}). Your words still save as always.`,
    );
  }
}

function taken(): PhotoRefusal {
  return new PhotoRefusal(409, 'photo_taken', 'This photo id already belongs to another journal. Add the photo again to get a new one.');
}
