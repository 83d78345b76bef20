import { existsSync } from 'node:fs';
import { listenForControl } from './backup/controlSocket.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDuetServer } from './createDuetServer.js';
import { jsonLogger } from './logger.js';
import { smtpMailer } from './mail/Mailer.js';
import { SqliteOpenError } from './storage/openSqliteDatabase.js';
import { SqliteStorage } from './storage/SqliteStorage.js';
import { FileArchiveStore } from './storage/FileArchiveStore.js';

/**
 * Configuration, all optional:
 *   PORT                 port to listen on (default 8787; 0 picks a free one)
 *   DUET_HOST            interface to bind (default 127.0.0.1; 0.0.0.0 to serve a network)
 *   DUET_DATA_DIR        where the SQLite file lives (default ./data)
 *   DUET_SECURE_COOKIES  "1" when served over https (__Host- cookies, marked Secure)
 *   DUET_TRUST_PROXY     "1" behind a reverse proxy: read X-Forwarded-For and X-Forwarded-Host
 *   DUET_LOG_LEVEL       info | warn | error (default info)
 *   DUET_USER_RATE       off: no per-person limits (message budget, socket caps; load tests only; default on)
 *   DUET_PUBLIC_URL      the address people open Duet at (https://duet.example.com), for links in mail
 *   SMTP_URL             mail server for password reset links (smtps://user:pass@smtp.example.com:465);
 *                        without it the server writes each link into its log instead
 *   MAIL_FROM            the sender of that mail (default "Duet <duet@localhost>")
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const log = jsonLogger((env.DUET_LOG_LEVEL as 'info' | 'warn' | 'error' | undefined) ?? 'info');
const dataDir = resolve(env.DUET_DATA_DIR ?? 'data');
const clientDir = join(root, 'dist', 'client');
if (!existsSync(join(clientDir, 'index.html'))) {
  log.warn('the client is not built; run `npm run build` (npm start does this) to serve the app');
}

const storage = openStorageOrExit(join(dataDir, 'duet.sqlite'));
const server = await createDuetServer({
  storage,
  port: Number(env.PORT ?? 8787),
  host: env.DUET_HOST ?? '127.0.0.1',
  clientDir,
  secureCookies: env.DUET_SECURE_COOKIES === '1',
  trustProxy: env.DUET_TRUST_PROXY === '1',
  userRate: env.DUET_USER_RATE === 'off' ? null : undefined,
  // Photo uploads are read and decoded here, on the data disk (the OS temp folder may be memory).
  scratchDir: join(dataDir, 'tmp'),
  mailer: env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM ?? 'Duet <duet@localhost>') : null,
  publicUrl: env.DUET_PUBLIC_URL || undefined,
  // Copies former members take with them, kept 30 days (docs/design/export.md).
  archives: new FileArchiveStore(join(dataDir, 'archives')),
  log,
});
// `npm run backup` asks this server for a consistent copy of its database (scripts/backup.ts).
const control = await listenForControl(dataDir, {
  async backup(file) {
    if (existsSync(file)) throw new Error(`${file} exists already; a backup never overwrites a file`);
    await storage.backupTo(file);
    log.info('database backed up', { file });
  },
}).catch((error: unknown) => {
  log.warn('`npm run backup` cannot reach this server (its control socket could not be made); stop it to back up', { error: String(error) });
  return null;
});
// Tests read this line to find the port when PORT=0.
process.stdout.write(`Duet is running at ${server.url} (data in ${dataDir})\n`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  control?.close();
  await server.close();
  await storage.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

/**
 * Refuses to start, with exit code 1 and one error line saying what is wrong
 * and what to do, when the database is held by another process or damaged.
 */
function openStorageOrExit(file: string): SqliteStorage {
  try {
    return new SqliteStorage(file);
  } catch (error) {
    if (!(error instanceof SqliteOpenError)) throw error;
    const { refusal } = error;
    const message =
      refusal.reason === 'in-use'
        ? `Duet cannot start: another process${refusal.holderPid === null ? '' : ` (pid ${refusal.holderPid})`} is using the data folder ${dataDir}, most likely another Duet server. Stop it, or set DUET_DATA_DIR to another folder.`
        : refusal.reason === 'damaged'
          ? `Duet cannot start: ${file} is empty or damaged (${refusal.detail}). Restore it from a backup, or move it away to start a new, empty journal store.`
          : `Duet cannot start: ${file} cannot be opened (${refusal.detail}). Check that it is a file, and that this user may read and write it and its folder.`;
    log.error(message, { reason: refusal.reason, file, ...(refusal.reason === 'in-use' ? { pid: refusal.holderPid } : {}) });
    process.exit(1);
  }
}
