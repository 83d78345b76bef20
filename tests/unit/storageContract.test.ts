import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/SqliteStorage.js';
import { GatedStore } from '../helpers/fakePeers.js';
import { docStoreContract, storageContract } from '../helpers/storageContract.js';
import { MirroredStore } from '../helpers/syncWorld.js';
import { tempDir } from '../helpers/tempDir.js';

storageContract('SQLite', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'duet.sqlite');
  return { storage: new SqliteStorage(file), reopen: async () => new SqliteStorage(file), cleanup: dir.remove };
});

// The doubles the relay runs on in the relay and sync engine tests, with their gates open:
// what they add (held and failing loads and writes, a mirror of what was committed) must not
// change what a store promises.
for (const [name, Double] of [
  ['GatedStore', GatedStore],
  ['MirroredStore', MirroredStore],
] as const) {
  docStoreContract(name, async () => {
    const inner = new SqliteStorage(':memory:');
    return { store: new Double(inner), reopen: async () => new Double(inner), cleanup: () => inner.close() };
  });
}
