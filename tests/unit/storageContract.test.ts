import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/SqliteStorage.js';
import { GatedStore } from '../helpers/fakePeers.js';
import { docStoreContract, storageContract } from '../helpers/storageContract.js';
import { tempDir } from '../helpers/tempDir.js';

storageContract('SQLite', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'duet.sqlite');
  return { storage: new SqliteStorage(file), reopen: async () => new SqliteStorage(file), cleanup: dir.remove };
});

// The relay tests' double, with its gates open: what it adds (held and failing loads and
// writes) must not change what a store promises.
docStoreContract('GatedStore', async () => {
  const inner = new SqliteStorage(':memory:');
  return { store: new GatedStore(inner), reopen: async () => new GatedStore(inner), cleanup: () => inner.close() };
});
