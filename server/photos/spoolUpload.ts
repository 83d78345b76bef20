import Busboy from 'busboy';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { PHOTO_ENTRY_FIELD, PHOTO_FILE_FIELD } from '#shared/api/photoTypes.js';
import { PhotoRefusal } from './PhotoRefusal.js';
import { sizeInWords } from './sizeInWords.js';

/** An upload on local disk, waiting to be read by the image decoder. */
export interface SpooledUpload {
  path: string;
  /** SHA-256 of the file as sent, lowercase hex: the address of what is made from it. */
  hash: string;
  bytes: number;
  /** The `entryId` field, as sent (not yet checked). */
  entryId: string | null;
  /** Removes the file; safe to call more than once. */
  remove(): Promise<void>;
}

/** Room for the multipart framing and the small fields around the file. */
const FRAMING_BYTES = 16 * 1024;

/** The prefix of spooled uploads in the scratch folder, so a start can sweep what a crash left. */
export const SPOOL_PREFIX = 'duet-upload-';

function tooLarge(maxBytes: number): PhotoRefusal {
  return new PhotoRefusal(413, 'photo_too_large', `This photo is larger than ${sizeInWords(maxBytes)}, the most Duet takes. Try a smaller copy of it, for example one your phone makes for sharing.`);
}

/**
 * Reads a multipart upload (one file in the field `photo`, an optional
 * `entryId`) straight to a file in `scratchDir`, hashing it on the way: the
 * upload is never held in memory, and the request is read only as fast as
 * the disk takes it. Refuses (PhotoRefusal) a body that is not multipart, has
 * no photo, or passes `maxBytes` (413, as soon as it is known: from the
 * declared length, or while reading); on any refusal nothing stays on disk.
 */
export async function spoolUpload(req: IncomingMessage, scratchDir: string, maxBytes: number): Promise<SpooledUpload> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + FRAMING_BYTES) throw tooLarge(maxBytes);
  let busboy: Busboy.Busboy;
  try {
    busboy = Busboy({
      headers: req.headers,
      limits: { files: 1, fileSize: maxBytes, fields: 4, fieldSize: 256, parts: 8, headerPairs: 20 },
    });
  } catch {
    throw new PhotoRefusal(400, 'not_multipart', 'Send the photo as multipart/form-data, in a field named “photo”.');
  }
  await mkdir(scratchDir, { recursive: true });
  const path = join(scratchDir, `${SPOOL_PREFIX}${randomBytes(9).toString('hex')}`);
  const remove = () => rm(path, { force: true });

  try {
    return await new Promise<SpooledUpload>((resolve, reject) => {
      let entryId: string | null = null;
      let fileDone: Promise<{ hash: string; bytes: number }> | null = null;
      let out: ReturnType<typeof createWriteStream> | null = null;
      let failed = false;
      const fail = (refusal: PhotoRefusal | Error) => {
        if (failed) return;
        failed = true;
        // Stop reading: what is still coming is not wanted (the route answers and closes the connection).
        req.unpipe(busboy);
        busboy.removeAllListeners('file');
        out?.destroy();
        reject(refusal);
      };

      busboy.on('field', (name, value) => {
        if (name === PHOTO_ENTRY_FIELD) entryId = value;
      });
      busboy.on('file', (name, file) => {
        if (name !== PHOTO_FILE_FIELD || fileDone) {
          file.resume();
          return;
        }
        const hash = createHash('sha256');
        let bytes = 0;
        const disk = createWriteStream(path, { flags: 'wx' });
        out = disk;
        fileDone = new Promise((done, broken) => {
          file.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            bytes += chunk.length;
          });
          file.on('limit', () => fail(tooLarge(maxBytes)));
          file.on('error', broken);
          disk.on('error', broken);
          disk.on('finish', () => done({ hash: hash.digest('hex'), bytes }));
        });
        // Backpressure: busboy, and through it the request, waits for the disk.
        file.pipe(disk);
        fileDone.catch((error: unknown) => fail(error as Error));
      });
      busboy.on('error', () => fail(new PhotoRefusal(400, 'upload_broken', 'The upload arrived incomplete. Try sending the photo again.')));
      busboy.on('close', () => {
        if (failed) return;
        if (!fileDone) {
          fail(new PhotoRefusal(400, 'no_photo', 'The upload holds no photo: send the file in a field named “photo”.'));
          return;
        }
        fileDone.then(({ hash, bytes }) => {
          if (failed) return;
          if (bytes === 0) return fail(new PhotoRefusal(415, 'not_a_photo', 'This file is empty, so there is no photo in it.'));
          resolve({ path, hash, bytes, entryId, remove });
        }, fail);
      });
      req.on('close', () => {
        if (!req.complete) fail(new PhotoRefusal(400, 'upload_broken', 'The upload stopped before it was complete. Try sending the photo again.'));
      });
      req.on('error', (error) => fail(error));
      req.pipe(busboy);
    });
  } catch (error) {
    await remove();
    throw error;
  }
}
