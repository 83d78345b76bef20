/**
 * `npm run restore -- <backup folder>`: puts a backup made by `npm run backup` back into the data
 * folder (DUET_DATA_DIR, default ./data). Refuses while a server runs on it; what was there is
 * kept beside it, renamed `.before-restore-<time>`.
 */
import { resolve } from 'node:path';
import { restoreDataFolder } from '../server/backup/dataFolderBackup.js';

const dataDir = resolve(process.env.DUET_DATA_DIR ?? 'data');
const folder = process.argv[2];
if (!folder) {
  process.stderr.write('Say which backup to restore: npm run restore -- <backup folder>\n');
  process.exit(2);
}
try {
  const result = restoreDataFolder(dataDir, resolve(folder));
  process.stdout.write(`Restored ${resolve(folder)} into ${dataDir} (${result.photos} photo files).\n`);
  for (const path of result.movedAside) process.stdout.write(`Kept what was there as ${path}\n`);
} catch (error) {
  process.stderr.write(`Restore failed: ${(error as Error).message}\n`);
  process.exit(1);
}
