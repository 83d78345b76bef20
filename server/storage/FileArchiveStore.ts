import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isValidId } from '#shared/model/ids.js';
import type { ArchiveRecord, ArchiveStore } from './ArchiveStore.js';

/** A part written this long ago by a save that never finished is left over from a crash. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Archives as files in one folder (the data folder's `archives/`):
 * `<id>.zip` and its record `<id>.json`. Each is written to a temporary name
 * and renamed, so a crash leaves either a whole archive or none; the record
 * is written last, so a zip without a record is never listed (and the sweep
 * removes it). Archives are few (one per departure), so listing reads the
 * folder's records.
 */
export class FileArchiveStore implements ArchiveStore {
  private ready: Promise<unknown> | null = null;

  constructor(private readonly folder: string) {}

  private async folderReady(): Promise<void> {
    this.ready ??= mkdir(this.folder, { recursive: true });
    await this.ready;
  }

  private path(id: string, ext: 'zip' | 'json'): string {
    if (!isValidId(id)) throw new RangeError(`not an archive id: ${id}`);
    return join(this.folder, `${id}.${ext}`);
  }

  async save(record: Omit<ArchiveRecord, 'bytes'>, zip: Readable): Promise<ArchiveRecord> {
    await this.folderReady();
    const zipPath = this.path(record.id, 'zip');
    const partial = `${zipPath}.partial`;
    try {
      const out = createWriteStream(partial, { flush: true });
      await pipeline(zip, out);
      await rename(partial, zipPath);
      const full: ArchiveRecord = { ...record, bytes: (await stat(zipPath)).size };
      await this.writeRecord(full);
      return full;
    } catch (error) {
      await rm(partial, { force: true });
      await rm(zipPath, { force: true });
      throw error;
    }
  }

  private async writeRecord(record: ArchiveRecord): Promise<void> {
    const path = this.path(record.id, 'json');
    await writeFile(`${path}.partial`, JSON.stringify(record), { flush: true });
    await rename(`${path}.partial`, path);
  }

  private async records(): Promise<ArchiveRecord[]> {
    await this.folderReady();
    const records: ArchiveRecord[] = [];
    for (const name of await readdir(this.folder)) {
      if (!name.endsWith('.json')) continue;
      try {
        records.push(JSON.parse(await readFile(join(this.folder, name), 'utf8')) as ArchiveRecord);
      } catch {
        // Removed by a sweep meanwhile.
      }
    }
    return records;
  }

  async listFor(userId: string): Promise<ArchiveRecord[]> {
    return (await this.records()).filter((r) => r.userId === userId).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  }

  async get(archiveId: string): Promise<ArchiveRecord | null> {
    if (!isValidId(archiveId)) return null;
    try {
      return JSON.parse(await readFile(this.path(archiveId, 'json'), 'utf8')) as ArchiveRecord;
    } catch {
      return null;
    }
  }

  async open(archiveId: string): Promise<Readable | null> {
    if (!isValidId(archiveId)) return null;
    const path = this.path(archiveId, 'zip');
    try {
      await stat(path);
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async markNoticeSeen(archiveId: string, at: number): Promise<void> {
    const record = await this.get(archiveId);
    if (record && record.noticeSeenAt === null) await this.writeRecord({ ...record, noticeSeenAt: at });
  }

  async delete(archiveId: string): Promise<void> {
    // The record first, as for expiry: from then on it is not listed, even if removing the zip fails.
    await rm(this.path(archiveId, 'json'), { force: true });
    await rm(this.path(archiveId, 'zip'), { force: true });
  }

  async deleteExpired(now: number): Promise<number> {
    const records = await this.records();
    const known = new Set(records.map((r) => r.id));
    let deleted = 0;
    for (const record of records) {
      if (record.expiresAt > now) continue;
      // The record goes first: from then on it is not listed, even if removing the zip fails.
      await rm(this.path(record.id, 'json'), { force: true });
      await rm(this.path(record.id, 'zip'), { force: true });
      deleted++;
    }
    // Left by a crash mid-save: a zip (or part) without a record. Files of a save still under way
    // are young (file times are the real clock's, whatever `now` says).
    for (const name of await readdir(this.folder)) {
      const id = name.split('.')[0];
      if (!name.endsWith('.partial') && !(name.endsWith('.zip') && !known.has(id))) continue;
      const file = join(this.folder, name);
      const age = Date.now() - (await stat(file).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > ABANDONED_AFTER_MS) await rm(file, { force: true });
    }
    return deleted;
  }
}
