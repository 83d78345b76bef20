import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileLockHolder } from './fileLockHolder.js';

/** Why a database file was not opened. */
export type SqliteOpenRefusal =
  /** Another process (most likely another Duet server) has the file open. */
  | { reason: 'in-use'; holderPid: number | null }
  /** The file is empty, not a database, or fails SQLite's integrity check. */
  | { reason: 'damaged'; detail: string }
  /** The file could not be opened at all (a folder, permissions, I/O). */
  | { reason: 'unreadable'; detail: string };

/** Thrown by `openSqliteDatabase`; the file has been left as it was. */
export class SqliteOpenError extends Error {
  constructor(
    readonly file: string,
    readonly refusal: SqliteOpenRefusal,
  ) {
    super(
      refusal.reason === 'in-use'
        ? `${file} is in use by another process${refusal.holderPid === null ? '' : ` (pid ${refusal.holderPid})`}`
        : `${file} ${refusal.reason === 'damaged' ? 'is empty or damaged' : 'cannot be opened'}: ${refusal.detail}`,
    );
    this.name = 'SqliteOpenError';
  }
}

/**
 * Opens Duet's database file for this process alone, after checking that it
 * holds a database worth serving; a missing file (and folder) is created.
 *
 * Two relays on one file each keep documents in memory and compact from what
 * they hold, so one deletes the other's updates: the second must not start.
 * The lock is SQLite's own, in exclusive locking mode: a POSIX lock on the
 * database file that the kernel drops when the process ends, SIGKILL
 * included, so nothing is left to clean up after a crash. Set before the
 * first read, it also keeps the WAL index in this process's memory (no -shm
 * file). The price: no other process, `sqlite3` included, can read the file
 * while the server runs.
 *
 * Never open this file with `fs` in the same process while the database is
 * open: closing any descriptor of a file drops the process's POSIX locks on it.
 */
export function openSqliteDatabase(file: string): Database.Database {
  if (file === ':memory:') return configure(new Database(file), file);
  checkBeforeOpening(file);
  let db: Database.Database;
  try {
    // No busy wait: the second process is refused at once rather than hanging.
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    throw refusalFor(file, error);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A read takes only a shared lock; an empty write transaction takes the exclusive one now.
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    // Before anything that writes (the switch to WAL would, on a database not yet in WAL mode).
    const problems = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    if (problems.length !== 1 || problems[0].quick_check !== 'ok') {
      // The first row starts "*** in database main ***" and may hold several findings, one a line.
      const first = (problems[0]?.quick_check ?? 'no answer').split('\n').find((line) => !line.startsWith('***')) ?? 'no details';
      throw new SqliteOpenError(file, { reason: 'damaged', detail: `SQLite's integrity check found: ${first}` });
    }
    return configure(db, file);
  } catch (error) {
    db.close();
    throw refusalFor(file, error);
  }
}

function configure(db: Database.Database, file: string): Database.Database {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && file !== ':memory:') {
    throw new SqliteOpenError(file, { reason: 'unreadable', detail: `SQLite could not put it in WAL mode (it stayed in ${String(mode)} mode)` });
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

function refusalFor(file: string, error: unknown): Error {
  if (error instanceof SqliteOpenError) return error;
  if (!(error instanceof Database.SqliteError)) return error as Error;
  if (error.code === 'SQLITE_BUSY') return new SqliteOpenError(file, { reason: 'in-use', holderPid: fileLockHolder(file) });
  if (error.code === 'SQLITE_NOTADB') return new SqliteOpenError(file, { reason: 'damaged', detail: 'it is not a SQLite database' });
  if (error.code.startsWith('SQLITE_CORRUPT')) return new SqliteOpenError(file, { reason: 'damaged', detail: `SQLite: ${error.message}` });
  return new SqliteOpenError(file, { reason: 'unreadable', detail: `${error.message} (${error.code})` });
}

/** What can be told without opening the file (which, for SQLite, may mean writing to it). */
function checkBeforeOpening(file: string): void {
  const unreadable = (detail: string) => new SqliteOpenError(file, { reason: 'unreadable', detail });
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw unreadable(`this user cannot create files in ${folder} (${(error as NodeJS.ErrnoException).code})`);
  }
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw unreadable((error as Error).message);
  }
  if (!stat.isFile()) throw unreadable('it is not a regular file');
  // SQLite would take an empty file for a new database and write a fresh one into it.
  if (stat.size === 0) throw new SqliteOpenError(file, { reason: 'damaged', detail: 'it has 0 bytes' });
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch {
    throw unreadable('this user may not read and write it');
  }
}
