/**
 * `npm run backup [-- <folder>]`: a consistent copy of Duet's database and photos, safe while the
 * server runs, in a new timestamped folder (default: <data folder>/backups). DUET_DATA_DIR names
 * the data folder, as for the server. See docs/design/accounts.md, "Backups".
 */
import { join, resolve } from 'node:path';
import { backupDataFolder } from '../server/backup/dataFolderBackup.js';

const dataDir = resolve(process.env.DUET_DATA_DIR ?? 'data');
const into = resolve(process.argv[2] ?? join(dataDir, 'backups'));
try {
  const result = await backupDataFolder(dataDir, into);
  const mb = (result.databaseBytes / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `Backed up ${dataDir} to ${result.folder}: database ${mb} MB${result.fromRunningServer ? ' (copied by the running server)' : ''}, ${result.photos} photo files.\n`,
  );
} catch (error) {
  process.stderr.write(`Backup failed: ${(error as Error).message}\n`);
  process.exit(1);
}
