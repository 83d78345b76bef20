import type Database from 'better-sqlite3';
import type { Readable } from 'node:stream';
import { PhotoFolder } from './PhotoFolder.js';
import type { AddPhotoOutcome, PhotoFiles, PhotoSize, PhotoStore, StoredPhoto } from './PhotoStore.js';

type Row = Record<string, unknown>;

function toPhoto(row: Row): StoredPhoto {
  return {
    id: row.id as string,
    journalId: row.journal_id as string,
    hash: row.hash as string,
    entryId: (row.entry_id as string | null) ?? null,
    uploadedBy: row.uploaded_by as string,
    uploadedAt: row.uploaded_at as number,
    width: row.width as number,
    height: row.height as number,
    type: row.type as string,
    bytes: row.bytes as number,
  };
}

const PHOTO_COLUMNS = 'p.id, p.journal_id, p.hash, p.entry_id, p.uploaded_by, p.uploaded_at, p.bytes, f.width, f.height, f.type';

/**
 * Photos in the embedded backend: what is known of each in SQLite (migration
 * 4 in sqliteSchema.ts), the files in a folder beside the database
 * (PhotoFolder). Files are written before the rows that point at them, so a
 * row never names a file that is not whole on disk.
 */
export class SqlitePhotoStore implements PhotoStore {
  private readonly statements;
  private readonly folder: PhotoFolder;

  constructor(
    private readonly db: Database.Database,
    folder: string,
  ) {
    this.folder = new PhotoFolder(folder);
    this.statements = {
      photo: db.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos p JOIN photo_files f ON f.hash = p.hash WHERE p.id = ?`),
      photosOf: db.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos p JOIN photo_files f ON f.hash = p.hash WHERE p.journal_id = ? ORDER BY p.uploaded_at, p.id`),
      bytesOf: db.prepare('SELECT COALESCE(SUM(bytes), 0) AS n FROM photos WHERE journal_id = ?'),
      files: db.prepare('SELECT * FROM photo_files WHERE hash = ?'),
      insertFiles: db.prepare(
        `INSERT OR IGNORE INTO photo_files (hash, type, width, height, full_bytes, display_bytes, thumb_bytes)
         VALUES (@hash, @type, @width, @height, @full, @display, @thumb)`,
      ),
      insertPhoto: db.prepare(
        `INSERT INTO photos (id, journal_id, hash, entry_id, uploaded_by, uploaded_at, bytes)
         VALUES (@id, @journalId, @hash, @entryId, @uploadedBy, @uploadedAt, @bytes)`,
      ),
    };
  }

  async photo(photoId: string): Promise<StoredPhoto | null> {
    const row = this.statements.photo.get(photoId) as Row | undefined;
    return row ? toPhoto(row) : null;
  }

  async photosOf(journalId: string): Promise<StoredPhoto[]> {
    return (this.statements.photosOf.all(journalId) as Row[]).map(toPhoto);
  }

  async bytesOf(journalId: string): Promise<number> {
    return (this.statements.bytesOf.get(journalId) as { n: number }).n;
  }

  async files(hash: string): Promise<PhotoFiles | null> {
    const row = this.statements.files.get(hash) as Row | undefined;
    if (!row) return null;
    return {
      hash,
      type: row.type as string,
      width: row.width as number,
      height: row.height as number,
      bytes: { full: row.full_bytes as number, display: row.display_bytes as number, thumb: row.thumb_bytes as number },
    };
  }

  writeFile(hash: string, size: PhotoSize, source: Readable): Promise<number> {
    return this.folder.write(hash, size, source);
  }

  async recordFiles(files: PhotoFiles): Promise<void> {
    this.statements.insertFiles.run({ hash: files.hash, type: files.type, width: files.width, height: files.height, ...files.bytes });
  }

  openFile(hash: string, size: PhotoSize): Promise<{ stream: Readable; bytes: number } | null> {
    return this.folder.open(hash, size);
  }

  async addPhoto(photo: Omit<StoredPhoto, 'width' | 'height' | 'type' | 'bytes'>, maxJournalBytes: number): Promise<AddPhotoOutcome> {
    return this.db.transaction((): AddPhotoOutcome => {
      const existing = this.statements.photo.get(photo.id) as Row | undefined;
      if (existing) {
        const stored = toPhoto(existing);
        return stored.journalId === photo.journalId ? { outcome: 'exists', photo: stored } : { outcome: 'taken' };
      }
      const files = this.statements.files.get(photo.hash) as Row | undefined;
      if (!files) throw new Error(`the files of ${photo.hash} are not recorded`);
      const bytes = (files.full_bytes as number) + (files.display_bytes as number) + (files.thumb_bytes as number);
      const used = (this.statements.bytesOf.get(photo.journalId) as { n: number }).n;
      if (used + bytes > maxJournalBytes) return { outcome: 'full', used };
      this.statements.insertPhoto.run({ ...photo, bytes });
      return { outcome: 'added', photo: toPhoto(this.statements.photo.get(photo.id) as Row) };
    })();
  }
}
