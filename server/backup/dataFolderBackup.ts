import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteOpenError, openSqliteDatabase } from '../storage/openSqliteDatabase.js';
import { askServer } from './controlSocket.js';

/**
 * Backups of a data folder (docs/design/accounts.md, "Backups"): the database, copied with
 * SQLite's online backup, the photos folder, and the copies former members keep for 30 days
 * (`archives/`). Used by `npm run backup` and `npm run restore`.
 */

const DATABASE = 'duet.sqlite';
const PHOTOS = 'photos';
const ARCHIVES = 'archives';

export interface BackupResult {
  folder: string;
  databaseBytes: number;
  photos: number;
  /** Whether a running server made the copy (otherwise this process opened the database itself). */
  fromRunningServer: boolean;
}

/** A folder name that sorts by time and is valid on every file system: 2025-11-29T15-40-08-123Z. */
export const backupStamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');

/** Backs up `dataDir` into a new timestamped folder under `intoRoot`. */
export async function backupDataFolder(dataDir: string, intoRoot: string, at = new Date()): Promise<BackupResult> {
  const source = join(dataDir, DATABASE);
  if (!existsSync(source)) throw new Error(`there is no database at ${source}; set DUET_DATA_DIR to the folder Duet uses`);
  const folder = join(intoRoot, backupStamp(at));
  mkdirSync(intoRoot, { recursive: true });
  mkdirSync(folder);
  const copy = join(folder, DATABASE);
  const reply = await askServer(dataDir, { op: 'backup', file: copy });
  if (reply && !reply.ok) throw new Error(`the running server could not make the copy: ${reply.error}`);
  if (!reply) await copyWithoutServer(source, copy);
  checkDatabase(copy);
  // After the database: every photo it refers to was stored before it (photos are written before
  // their record), so the copy of the folder has them all.
  const photos = join(dataDir, PHOTOS);
  if (existsSync(photos)) cpSync(photos, join(folder, PHOTOS), { recursive: true });
  const archives = join(dataDir, ARCHIVES);
  if (existsSync(archives)) cpSync(archives, join(folder, ARCHIVES), { recursive: true });
  const result: BackupResult = { folder, databaseBytes: statSync(copy).size, photos: countFiles(join(folder, PHOTOS)), fromRunningServer: reply !== null };
  writeFileSync(join(folder, 'backup.json'), JSON.stringify({ createdAt: at.toISOString(), dataDir, ...result }, null, 2) + '\n');
  return result;
}

/** No server answered: open the database here, which takes the lock, so none can start meanwhile. */
async function copyWithoutServer(source: string, copy: string): Promise<void> {
  let db: Database.Database;
  try {
    db = openSqliteDatabase(source);
  } catch (error) {
    if (error instanceof SqliteOpenError && error.refusal.reason === 'in-use') {
      const pid = error.refusal.holderPid;
      throw new Error(
        `a process${pid === null ? '' : ` (pid ${pid})`} holds ${source} but does not answer on its control socket (an older Duet?). Stop it and back up again.`,
        { cause: error },
      );
    }
    throw error;
  }
  try {
    await db.backup(copy);
  } finally {
    db.close();
  }
}

/** Throws unless `file` is a SQLite database that passes SQLite's quick check. */
export function checkDatabase(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    if (rows.length !== 1 || rows[0].quick_check !== 'ok') throw new Error(`${file} fails SQLite's check: ${rows[0]?.quick_check ?? 'no answer'}`);
  } finally {
    db.close();
  }
}

function countFiles(folder: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

export interface RestoreResult {
  /** What was in the data folder before, now renamed with `.before-restore-<time>`. */
  movedAside: string[];
  photos: number;
}

/** Refused because a server holds the data folder. */
export class RestoreRefused extends Error {}

/**
 * Puts the backup in `backupFolder` back into `dataDir`. Refuses while a server holds the folder;
 * keeps what was there, renamed, so a restore never loses anything.
 */
export function restoreDataFolder(dataDir: string, backupFolder: string, at = new Date()): RestoreResult {
  const copy = join(backupFolder, DATABASE);
  // backup.json marks a folder `npm run backup` made (and keeps a data folder from being taken for one).
  if (!existsSync(copy) || !existsSync(join(backupFolder, 'backup.json'))) {
    throw new Error(`${backupFolder} is not a Duet backup (a backup folder holds ${DATABASE} and backup.json)`);
  }
  checkDatabase(copy);
  const target = join(dataDir, DATABASE);
  if (existsSync(target)) refuseIfHeld(target, dataDir);
  mkdirSync(dataDir, { recursive: true });
  // Copied in full before anything is moved: a failed copy leaves the data folder as it was.
  copyFileSync(copy, `${target}.restoring`);
  const aside = (path: string) => `${path}.before-restore-${backupStamp(at)}`;
  const movedAside: string[] = [];
  // The old write-ahead log must go with its database: replayed onto another one, it would damage it.
  for (const file of [target, `${target}-wal`, `${target}-shm`]) {
    if (!existsSync(file)) continue;
    renameSync(file, aside(file));
    movedAside.push(aside(file));
  }
  renameSync(`${target}.restoring`, target);
  for (const name of [PHOTOS, ARCHIVES]) {
    const saved = join(backupFolder, name);
    const live = join(dataDir, name);
    if (!existsSync(saved)) continue;
    if (existsSync(live)) {
      renameSync(live, aside(live));
      movedAside.push(aside(live));
    }
    cpSync(saved, live, { recursive: true });
  }
  return { movedAside, photos: countFiles(join(backupFolder, PHOTOS)) };
}

/** The same check a second server makes: SQLite's lock on the file, naming the holder when Linux can tell. */
function refuseIfHeld(target: string, dataDir: string): void {
  try {
    openSqliteDatabase(target).close();
  } catch (error) {
    if (!(error instanceof SqliteOpenError)) throw error;
    if (error.refusal.reason === 'in-use') {
      const pid = error.refusal.holderPid;
      throw new RestoreRefused(`Duet is running on ${dataDir}${pid === null ? '' : ` (pid ${pid})`}. Stop it first, then restore.`, { cause: error });
    }
    // A damaged database is what a restore is for: it is moved aside like any other.
  }
}
