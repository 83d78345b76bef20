import { HttpError } from './HttpError.js';

/**
 * SQLite result codes that mean storage cannot serve right now (disk full,
 * I/O error, locked by another process, file system gone read-only) rather
 * than a bug in the request. better-sqlite3 reports extended codes, such as
 * SQLITE_IOERR_WRITE or SQLITE_BUSY_SNAPSHOT, so these match as prefixes.
 */
const SQLITE_UNAVAILABLE = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PROTOCOL', 'SQLITE_NOMEM'];
/** The same for the operating system's errors, from any storage that writes files. */
const SYSTEM_UNAVAILABLE = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS']);

/** The storage error code behind `error` if it means "storage is unavailable, try later", else null. */
export function storageFailureCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (SYSTEM_UNAVAILABLE.has(code)) return code;
  return SQLITE_UNAVAILABLE.some((prefix) => code === prefix || code.startsWith(`${prefix}_`)) ? code : null;
}

/** What a person is told when storage fails: nothing they did was wrong, and trying later will work. */
export function storageUnavailable(method: string): HttpError {
  const what = method === 'GET' || method === 'HEAD' ? 'cannot read your journals' : 'cannot save';
  return new HttpError(503, 'storage_unavailable', `Duet ${what} right now. Try again in a few minutes.`, { 'retry-after': '60' });
}
