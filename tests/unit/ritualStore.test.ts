import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/SqliteStorage.js';
import { ritualStoreContract } from '../helpers/ritualStoreContract.js';
import { tempDir } from '../helpers/tempDir.js';

ritualStoreContract('SQLite', async () => {
  const dir = tempDir();
  return { storage: new SqliteStorage(join(dir.path, 'duet.db')), cleanup: () => dir.remove() };
});
