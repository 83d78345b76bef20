import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDuetServer } from './createDuetServer.js';
import { jsonLogger } from './logger.js';
import { SqliteStorage } from './storage/SqliteStorage.js';

/**
 * Configuration, all optional:
 *   PORT                 port to listen on (default 8787; 0 picks a free one)
 *   DUET_HOST            interface to bind (default 127.0.0.1; 0.0.0.0 to serve a network)
 *   DUET_DATA_DIR        where the SQLite file lives (default ./data)
 *   DUET_SECURE_COOKIES  "1" when served over https (marks the session cookie Secure)
 *   DUET_TRUST_PROXY     "1" behind a reverse proxy: read X-Forwarded-For and X-Forwarded-Host
 *   DUET_LOG_LEVEL       info | warn | error (default info)
 *   DUET_USER_RATE       off: no per-person message budget (load tests only; default on)
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const log = jsonLogger((env.DUET_LOG_LEVEL as 'info' | 'warn' | 'error' | undefined) ?? 'info');
const dataDir = resolve(env.DUET_DATA_DIR ?? 'data');
const clientDir = join(root, 'dist', 'client');
if (!existsSync(join(clientDir, 'index.html'))) {
  log.warn('the client is not built; run `npm run build` (npm start does this) to serve the app');
}

const storage = new SqliteStorage(join(dataDir, 'duet.sqlite'));
const server = await createDuetServer({
  storage,
  port: Number(env.PORT ?? 8787),
  host: env.DUET_HOST ?? '127.0.0.1',
  clientDir,
  secureCookies: env.DUET_SECURE_COOKIES === '1',
  trustProxy: env.DUET_TRUST_PROXY === '1',
  userRate: env.DUET_USER_RATE === 'off' ? null : undefined,
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
