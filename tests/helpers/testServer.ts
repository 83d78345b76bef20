import { join } from 'node:path';
import type { DocumentRegistry } from '#shared/documents/registry.js';
import { type DuetServer, createDuetServer } from '../../server/createDuetServer.js';
import type { PhotoLimits } from '../../server/photos/PhotoUploads.js';
import { SqliteStorage } from '../../server/storage/SqliteStorage.js';
import { tempDir } from './tempDir.js';

export interface TestServer {
  server: DuetServer;
  storage: SqliteStorage;
  dataDir: string;
  url: string;
  wsUrl: string;
  /** Stops the server and storage; the data folder stays until `cleanup`. */
  stop(): Promise<void>;
  /** Starts a new server on the same data folder and port (a restart). */
  restart(): Promise<TestServer>;
  cleanup(): Promise<void>;
}

/** A real server on port 0 with a real SQLite file in a temp folder. */
export async function startTestServer(
  options: {
    dataDir?: string;
    port?: number;
    compactEvery?: number;
    clientDir?: string;
    now?: () => number;
    secureCookies?: boolean;
    trustProxy?: boolean;
    documents?: DocumentRegistry;
    photoLimits?: Partial<PhotoLimits>;
  } = {},
): Promise<TestServer> {
  const dir = options.dataDir ? null : tempDir();
  const dataDir = options.dataDir ?? dir!.path;
  const storage = new SqliteStorage(join(dataDir, 'duet.sqlite'));
  const server = await createDuetServer({
    storage,
    port: options.port,
    compactEvery: options.compactEvery,
    clientDir: options.clientDir,
    now: options.now,
    secureCookies: options.secureCookies,
    trustProxy: options.trustProxy,
    documents: options.documents,
    scratchDir: join(dataDir, 'tmp'),
    photoLimits: options.photoLimits,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
    await storage.close();
  };
  return {
    server,
    storage,
    dataDir,
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws') + '/collab',
    stop,
    restart: async () => {
      await stop();
      const next = await startTestServer({ ...options, dataDir, port: server.port });
      // The first instance's folder is still ours to remove.
      return { ...next, cleanup: async () => (await next.stop(), dir?.remove()) };
    },
    cleanup: async () => {
      await stop();
      dir?.remove();
    },
  };
}
