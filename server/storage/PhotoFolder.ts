import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PhotoSize } from './PhotoStore.js';

const HASH = /^[0-9a-f]{64}$/;

/**
 * The embedded backend's photo files: one folder (beside the database),
 * content-addressed and fanned out by the hash's first two bytes
 * (`ab/cd/abcd…-display`), so no folder holds more than a few hundred files
 * even with years of photos.
 *
 * A file is written under `incoming/` first, flushed to disk, then renamed to
 * its name (rename is atomic within one file system), and its folder flushed:
 * a crash at any moment leaves either no file under the name or the whole
 * one, never half. Whatever a crash left in `incoming/` is removed when the
 * folder is opened (one server owns a data folder: the database lock says so).
 */
export class PhotoFolder {
  private readonly incoming: string;

  constructor(readonly root: string) {
    this.incoming = join(root, 'incoming');
    rmSync(this.incoming, { recursive: true, force: true });
  }

  /** Where a size of an upload's files lives. Throws on a malformed hash, so no name ever leaves the folder. */
  pathOf(hash: string, size: PhotoSize): string {
    if (!HASH.test(hash)) throw new Error(`not a photo hash: ${hash}`);
    return join(this.root, hash.slice(0, 2), hash.slice(2, 4), `${hash}-${size}`);
  }

  async write(hash: string, size: PhotoSize, source: Readable): Promise<number> {
    const target = this.pathOf(hash, size);
    await mkdir(this.incoming, { recursive: true });
    const temp = join(this.incoming, `${hash}-${size}-${randomBytes(6).toString('hex')}`);
    try {
      const file = createWriteStream(temp, { flags: 'wx' });
      await pipeline(source, file);
      await flush(temp);
      const folder = join(target, '..');
      await mkdir(folder, { recursive: true });
      await rename(temp, target);
      await flush(folder);
      return (await stat(target)).size;
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async open(hash: string, size: PhotoSize): Promise<{ stream: Readable; bytes: number } | null> {
    const path = this.pathOf(hash, size);
    let bytes: number;
    try {
      bytes = (await stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return { stream: createReadStream(path), bytes };
  }
}

/** fsync: what was written to `path` (a file, or a folder's entries) is on the disk. */
async function flush(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
