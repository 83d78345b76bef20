import Database from 'better-sqlite3';
import { mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../server/storage/SqliteStorage.js';
import { entryRoom } from '#shared/documents/entry.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, waitForDoc } from '../helpers/collabClient.js';
import { type ServerProcess, spawnRefusedServer, spawnServer } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';

describe('one data folder, one server', () => {
  let dir: ReturnType<typeof tempDir>;
  const servers: ServerProcess[] = [];
  const clients: CollabClient[] = [];
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      await s.exited;
    }
    dir.remove();
  });
  const start = async (dataDir = dir.path) => {
    const server = await spawnServer(dataDir);
    servers.push(server);
    return server;
  };
  const open = (server: ServerProcess, room: string, cookie: string | null) => {
    const client = connectClient(server.wsUrl, room, cookie);
    clients.push(client);
    return client;
  };
  const text = (client: CollabClient) => client.doc.getText('t').toString();

  it('refuses a second server while the first keeps serving, and starts again once the first is killed', async () => {
    const first = await start();
    const { a, b, journalId } = await pairedCouple(first.url);
    const room = entryRoom(journalId, 'entryLocked');
    const ada = open(first, room, a.cookie);
    const ben = open(first, room, b.cookie);
    await Promise.all([ada.synced, ben.synced]);
    ada.doc.getText('t').insert(0, 'before ');
    await waitForDoc(ben.doc, (d) => d.getText('t').toString() === 'before ');

    const second = await spawnRefusedServer(dir.path);
    expect(second.exit).toBe('1');
    expect(second.stderr).toContain(
      `Duet cannot start: another process (pid ${first.child.pid}) is using the data folder ${dir.path}, most likely another Duet server. Stop it, or set DUET_DATA_DIR to another folder.`,
    );

    // The first server still stores and relays.
    ada.doc.getText('t').insert(7, 'after');
    await waitForDoc(ben.doc, (d) => d.getText('t').toString() === 'before after');

    // The lock goes with the process, however it ends: no lock file to clean up.
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    for (const c of clients.splice(0)) c.destroy();
    const next = await start();
    const fresh = open(next, room, b.cookie);
    await fresh.synced;
    expect(text(fresh)).toBe('before after');
  });

  it('starts on a data folder that does not exist yet, creating it', async () => {
    const dataDir = join(dir.path, 'not', 'yet');
    const server = await start(dataDir);
    expect((await pairedCouple(server.url)).journalId).toBeTruthy();
    expect(readdirSync(dataDir)).toContain('duet.sqlite');
  });

  const damaged: { what: string; detail: string; make(file: string): void | Promise<void> }[] = [
    { what: 'an empty (zero-byte) file', detail: 'it has 0 bytes', make: (file) => writeFileSync(file, '') },
    {
      what: 'a file that is not a database',
      detail: 'it is not a SQLite database',
      make: (file) => writeFileSync(file, 'Dear diary, this is a text file that someone saved under the wrong name.\n'.repeat(100)),
    },
    // SQLite stops its check at a damaged table page, and lists what it found wrong in an index.
    { what: 'a database with a damaged table', detail: 'SQLite: database disk image is malformed', make: (file) => corruptDatabase(file, 'doc_updates') },
    { what: 'a database with a damaged index', detail: "SQLite's integrity check found: ", make: (file) => corruptDatabase(file, 'doc_updates_by_doc') },
  ];
  it.each(damaged)('refuses to start on $what and leaves it as it was', async ({ detail, make }) => {
    const file = join(dir.path, 'duet.sqlite');
    await make(file);
    const bytes = readFileSync(file);
    const files = readdirSync(dir.path);

    const refused = await spawnRefusedServer(dir.path);
    expect(refused.exit).toBe('1');
    expect(refused.stderr).toContain(`Duet cannot start: ${file} is empty or damaged (${detail}`);
    expect(refused.stderr).toContain('Restore it from a backup, or move it away to start a new, empty journal store.');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir.path)).toEqual(files);
  });

  // An unreadable file would be the natural case, but tests run as root, whom
  // chmod 000 does not stop; a folder in its place cannot be opened by anyone.
  it('refuses to start when the database path cannot be opened as a file', async () => {
    const file = join(dir.path, 'duet.sqlite');
    mkdirSync(file);
    const refused = await spawnRefusedServer(dir.path);
    expect(refused.exit).toBe('1');
    expect(refused.stderr).toContain(
      `Duet cannot start: ${file} cannot be opened (it is not a regular file). Check that it is a file, and that this user may read and write it and its folder.`,
    );
  });
});

/**
 * A real Duet database with the root page of one table or index overwritten:
 * the header and schema still read, so only the integrity check can tell.
 */
async function corruptDatabase(file: string, tableOrIndex: string): Promise<void> {
  const storage = new SqliteStorage(file);
  const update = new Uint8Array(1000).fill(7);
  await storage.appendUpdates(Array.from({ length: 200 }, () => ({ doc: 'journal01/entry-entry001', update })));
  await storage.close();
  const db = new Database(file);
  const { rootpage, pageSize } = db
    .prepare("SELECT rootpage, (SELECT page_size FROM pragma_page_size) AS pageSize FROM sqlite_schema WHERE name = ?")
    .get(tableOrIndex) as { rootpage: number; pageSize: number };
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
  closeSync(fd);
}
