import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import { DUET_MESSAGE_TYPE, DuetMessageKind, readDuetPayload, writeFlushRequest } from '#shared/protocol/flushAck.js';
import { writeUpdate } from '#shared/protocol/frames.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { connectClient } from '../helpers/collabClient.js';
import { type RawSocket, openRawSocket } from '../helpers/rawSocket.js';
import { type ServerProcess, runScript, spawnServer } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';

const WRITERS = 6;
/** Acknowledged changes each writer has before the backup starts. */
const BEFORE_BACKUP = 60;
/** Changes sent but not yet acknowledged, per writer, at most: enough to keep the relay busy. */
const IN_FLIGHT = 16;
/** The first changes carry this much text, so the database spans many of the backup's steps. */
const FILLER = 'x'.repeat(8_000);

/**
 * One writer: a socket into its own entry, sending changes as fast as the relay confirms them
 * (Duet's flush frames, shared/protocol/flushAck.ts), and remembering which were confirmed.
 */
class Writer {
  readonly doc = new Y.Doc();
  private sent = 0;
  /** Every change up to this one is durably stored, the relay says. */
  acked = -1;
  private stopped = false;
  private wake: (() => void) | null = null;
  done: Promise<void> = Promise.resolve();
  private ackWaiters: { at: number; resolve: () => void }[] = [];

  constructor(
    readonly index: number,
    private readonly socket: RawSocket,
  ) {
    socket.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== DUET_MESSAGE_TYPE) return;
      const { kind, nonce } = readDuetPayload(decoder);
      if (kind !== DuetMessageKind.Flushed) return;
      this.acked = Math.max(this.acked, nonce);
      this.wake?.();
      for (const waiter of this.ackWaiters.filter((w) => this.acked >= w.at)) waiter.resolve();
      this.ackWaiters = this.ackWaiters.filter((w) => this.acked < w.at);
    });
    this.doc.on('update', (update: Uint8Array) => socket.ws.send(writeUpdate(update)));
  }

  static mark = (writer: number, seq: number) => `[w${writer}-${seq}]`;

  start(): void {
    this.done = (async () => {
      const text = this.doc.getText('body');
      while (!this.stopped) {
        if (this.sent - this.acked > IN_FLIGHT) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        const seq = this.sent++;
        text.insert(text.length, Writer.mark(this.index, seq) + (seq < 40 ? FILLER : ''));
        this.socket.ws.send(writeFlushRequest(seq));
        // Let the socket's messages in between sends.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
  }

  /** Resolves once changes up to `seq` are acknowledged. */
  ackedThrough(seq: number): Promise<void> {
    if (this.acked >= seq) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push({ at: seq, resolve }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
    this.socket.ws.close();
  }
}

describe('backups', () => {
  const dirs: { remove(): void }[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    for (const dir of dirs) dir.remove();
  });
  const folder = () => {
    const dir = tempDir('duet-backup-');
    dirs.push(dir);
    return dir.path;
  };

  it('a backup taken while clients write holds every change acknowledged before it began, and restores', async () => {
    const dataDir = join(folder(), 'data');
    const server = await spawnServer(dataDir, { DUET_USER_RATE: 'off' });
    servers.push(server);
    const { a, journalId } = await pairedCouple(server.url);
    // Photos are another part's; whatever is in the data folder's photos/ goes into the backup.
    mkdirSync(join(dataDir, 'photos', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'photos', 'ab', 'abcdef.webp'), 'not really a photo');

    const writers: Writer[] = [];
    for (let i = 0; i < WRITERS; i++) {
      const room = entryRoom(journalId, `loadentry${i}`);
      writers.push(new Writer(i, await openRawSocket(`${server.wsUrl}/${room}`, a.cookie)));
    }
    for (const writer of writers) writer.start();
    await Promise.all(writers.map((w) => w.ackedThrough(BEFORE_BACKUP)));

    // What the relay has confirmed at the moment the backup is asked for.
    const confirmed = writers.map((w) => w.acked);
    const backups = folder();
    const backup = await runScript('scripts/backup.ts', [backups], { DUET_DATA_DIR: dataDir });
    expect(backup.stderr).toBe('');
    expect(backup.exit).toBe('0');
    expect(backup.stdout).toMatch(/copied by the running server/);
    const writtenDuring = writers.map((w, i) => w.acked - confirmed[i]);
    // The writers kept going during the backup, and go on after it.
    await Promise.all(writers.map((w) => w.ackedThrough(w.acked + 20)));
    await Promise.all(writers.map((w) => w.stop()));
    const backupFolder = JSON.parse(readFileSync(join(backups, readdirOne(backups), 'backup.json'), 'utf8')).folder as string;

    // Restoring while a server holds the folder is refused, naming it.
    const refused = await runScript('scripts/restore.ts', [backupFolder], { DUET_DATA_DIR: dataDir });
    expect(refused.exit).toBe('1');
    expect(refused.stderr).toContain(`(pid ${server.child.pid})`);

    // Into a new data folder (as on a new machine), then a server on it.
    const restoredDir = join(folder(), 'data');
    const restore = await runScript('scripts/restore.ts', [backupFolder], { DUET_DATA_DIR: restoredDir });
    expect(restore.stderr).toBe('');
    expect(restore.exit).toBe('0');
    expect(readFileSync(join(restoredDir, 'photos', 'ab', 'abcdef.webp'), 'utf8')).toBe('not really a photo');
    const restored = await spawnServer(restoredDir);
    servers.push(restored);
    for (const writer of writers) {
      // The session in the backup is still Ada's.
      const client = connectClient(restored.wsUrl, entryRoom(journalId, `loadentry${writer.index}`), a.cookie);
      await client.synced;
      const text = client.doc.getText('body').toString();
      const missing = Array.from({ length: confirmed[writer.index] + 1 }, (_, seq) => Writer.mark(writer.index, seq)).filter((mark) => !text.includes(mark));
      expect(missing, `writer ${writer.index} lost changes the relay had confirmed before the backup`).toEqual([]);
      client.destroy();
    }
    console.info(
      `backup under load: ${confirmed.map((n) => n + 1).join(', ')} changes confirmed per writer before the backup; ${writtenDuring.join(', ')} more confirmed while it ran`,
    );
  });

  it('backs up a stopped server itself, and a restore keeps what it replaces', async () => {
    const dataDir = join(folder(), 'data');
    const server = await spawnServer(dataDir);
    await pairedCouple(server.url);
    server.child.kill('SIGTERM');
    await server.exited;
    const backups = folder();
    const backup = await runScript('scripts/backup.ts', [backups], { DUET_DATA_DIR: dataDir });
    expect(backup.exit).toBe('0');
    expect(backup.stdout).not.toMatch(/running server/);
    const restore = await runScript('scripts/restore.ts', [join(backups, readdirOne(backups))], { DUET_DATA_DIR: dataDir });
    expect(restore.exit).toBe('0');
    expect(restore.stdout).toMatch(/Kept what was there as .*duet\.sqlite\.before-restore-/);
    expect(existsSync(join(dataDir, 'duet.sqlite'))).toBe(true);
    expect((await runScript('scripts/restore.ts', [dataDir], { DUET_DATA_DIR: dataDir })).stderr).toMatch(/is not a Duet backup/);
  });
});

function readdirOne(folder: string): string {
  const entries = readdirSync(folder);
  if (entries.length !== 1) throw new Error(`expected one backup in ${folder}, found ${entries.join(', ')}`);
  return entries[0];
}
