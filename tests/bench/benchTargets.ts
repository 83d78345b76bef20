import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { pairedCouple } from '../helpers/apiClient.js';
import { cookieWebSocket } from '../helpers/collabClient.js';
import { type ServerProcess, spawnScript, spawnServer } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { HocuspocusClient } from './hocuspocusClient.js';
import { type BenchClient, ProtocolClient } from './protocolClient.js';

/** A full provider that can go offline and come back, whatever protocol the server speaks. */
export interface BenchProvider {
  readonly synced: Promise<void>;
  /** Resolves once the socket is closed. */
  disconnect(): Promise<void>;
  connect(): void;
  destroy(): void;
}

/** One server under test, in its own process. */
export interface Target {
  name: string;
  process: ServerProcess;
  /** A lean protocol client in room `i`, for load. */
  client(i: number): BenchClient;
  /** The provider a real app would use, in room `i`. */
  provider(i: number, doc: Y.Doc): BenchProvider;
  stop(): Promise<void>;
}

async function stopProcess(process: ServerProcess, cleanup: () => void): Promise<void> {
  process.child.kill('SIGKILL');
  await process.exited;
  cleanup();
}

function websocketProvider(url: string, room: string, doc: Y.Doc, cookie: string | null): BenchProvider {
  const provider = new WebsocketProvider(url, room, doc, { WebSocketPolyfill: cookieWebSocket(cookie) as never, disableBc: true });
  return {
    synced: new Promise((resolve) => provider.once('sync', () => resolve())),
    disconnect: () =>
      new Promise<void>((resolve) => {
        provider.once('connection-close', () => resolve());
        provider.disconnect();
      }),
    connect: () => provider.connect(),
    destroy: () => provider.destroy(),
  };
}

export async function duetTarget(): Promise<Target> {
  const dir = tempDir('duet-bench-');
  // Every benchmark client is one account (sign-ups are rate limited), which the per-person
  // message budget would throttle: the load here is many people's, so the budget is off.
  const process = await spawnServer(dir.path, { DUET_USER_RATE: 'off' });
  const { a, journalId } = await pairedCouple(process.url);
  return {
    name: 'Duet relay (SQLite, durable before broadcast)',
    process,
    client: (i) => new ProtocolClient(`${process.wsUrl}/${journalId}/entry-benchroom${i}`, a.cookie),
    provider: (i, doc) => websocketProvider(process.wsUrl, `${journalId}/entry-benchroom${i}`, doc, a.cookie),
    stop: () => stopProcess(process, dir.remove),
  };
}

export async function referenceTarget(): Promise<Target> {
  const process = await spawnScript(join(import.meta.dirname, 'yWebsocketReferenceServer.ts'));
  const url = process.url.replace(/^http/, 'ws');
  return {
    name: 'y-websocket 1.5 reference server (memory only)',
    process,
    client: (i) => new ProtocolClient(`${url}/benchroom${i}`, null),
    provider: (i, doc) => websocketProvider(url, `benchroom${i}`, doc, null),
    stop: () => stopProcess(process, () => {}),
  };
}

export async function hocuspocusTarget(): Promise<Target> {
  const dir = tempDir('hocuspocus-bench-');
  const process = await spawnScript(join(import.meta.dirname, 'hocuspocusServer.ts'), { BENCH_DATA_DIR: dir.path });
  const url = process.url.replace(/^http/, 'ws');
  return {
    name: 'Hocuspocus 3.4 (SQLite via extension-database, default debounce)',
    process,
    client: (i) => new HocuspocusClient(url, `benchroom${i}`),
    provider: (i, doc) => {
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
      let markSynced!: () => void;
      const synced = new Promise<void>((resolve) => (markSynced = resolve));
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: `benchroom${i}`, document: doc, onSynced: () => markSynced() });
      provider.attach();
      return {
        synced,
        disconnect: () =>
          new Promise<void>((resolve) => {
            socket.on('disconnect', () => resolve());
            socket.disconnect();
          }),
        connect: () => void socket.connect(),
        destroy: () => {
          provider.destroy();
          socket.destroy();
        },
      };
    },
    stop: () => stopProcess(process, dir.remove),
  };
}

export const allTargets = [duetTarget, referenceTarget, hocuspocusTarget];

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}
