import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDuetServer } from './createDuetServer.js';
import { jsonLogger } from './logger.js';
import { SqliteOpenError } from './storage/openSqliteDatabase.js';
import { SqliteStorage } from './storage/SqliteStorage.js';

/**
 * Configuration, all optional:
 *   PORT                 port to listen on (default 8787; 0 picks a free one)
 *   DUET_HOST            interface to bind (default 127.0.0.1; 0.0.0.0 to serve a network)
 *   DUET_DATA_DIR        where the SQLite file lives (default ./data)
 *   DUET_SECURE_COOKIES  "1" when served over https (__Host- cookies, marked Secure)
 *   DUET_TRUST_PROXY     "1" behind a reverse proxy: read X-Forwarded-For and X-Forwarded-Host
 *   DUET_LOG_LEVEL       info | warn | error (default info)
 *   DUET_USER_RATE       off: no per-person limits (message budget, socket caps; load tests only; default on)
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
  log,
});
// Tests read this line to find the port when PORT=0.
process.stdout.write(`Duet is running at ${server.url} (data in ${dataDir})\n`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
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
