// Hocuspocus 3.4 with its Database extension storing into SQLite (better-sqlite3,
// WAL, synchronous=FULL, like Duet), using Hocuspocus's default store debounce.
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';

const db = new BetterSqlite3(join(process.env.BENCH_DATA_DIR ?? '.', 'hocuspocus.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)');
const select = db.prepare('SELECT data FROM documents WHERE name = ?');
const upsert = db.prepare('INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data');

const server = new Server({
  address: '127.0.0.1',
  port: 0,
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => (select.get(documentName) as { data: Buffer } | undefined)?.data ?? null,
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state);
      },
    }),
  ],
});
await server.listen();
process.stdout.write(`Hocuspocus is running at http://127.0.0.1:${server.address.port}\n`);
