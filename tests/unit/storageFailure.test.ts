import { describe, expect, it } from 'vitest';
import { storageFailureCode } from '../../server/http/storageFailure.js';

const failure = (code: unknown) => Object.assign(new Error('storage failed'), { code });

describe('storageFailureCode', () => {
  it('recognizes storage that cannot serve now, in basic and extended SQLite codes and system errors', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'ENOSPC', 'EDQUOT', 'EIO', 'EROFS']) {
      expect(storageFailureCode(failure(code))).toBe(code);
    }
  });

  it('leaves other errors to the generic 500', () => {
    for (const error of [failure('SQLITE_CONSTRAINT_UNIQUE'), failure('SQLITE_ERROR'), failure('SQLITE_FULLISH'), failure(5), new Error('bug'), null, 'text']) {
      expect(storageFailureCode(error)).toBeNull();
    }
  });
});
