import { readFileSync, statSync } from 'node:fs';

/**
 * The id of a process holding a POSIX lock on `file`, read from Linux's
 * /proc/locks, or null when it cannot be told (another OS, the holder just
 * ended, a file system whose device numbers differ from what stat reports).
 * It only names the holder in a message: a wrong pid would send someone to
 * stop the wrong process, so a line must match both device and inode.
 */
export function fileLockHolder(file: string): number | null {
  let locks: string;
  let stat;
  try {
    stat = statSync(file, { bigint: true });
    locks = readFileSync('/proc/locks', 'utf8');
  } catch {
    return null;
  }
  // The kernel prints the device as "%02x:%02x" of glibc's major and minor encoding of st_dev.
  const dev = stat.dev;
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  const id = `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${stat.ino}`;
  // "1: POSIX  ADVISORY  WRITE 4242 fe:00:2146596 1073741826 1073742335"
  for (const line of locks.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] !== 'POSIX' || fields[5] !== id) continue;
    const pid = Number(fields[4]);
    if (Number.isInteger(pid) && pid > 0) return pid;
  }
  return null;
}
