import { chmodSync, rmSync } from 'node:fs';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The running server's door for its host's own tools (`npm run backup`): a Unix socket in the
 * data folder. Only the server can read its database while it runs (it holds SQLite's exclusive
 * lock), so a backup of a running server is made by the server, asked through here. The socket is
 * made readable and writable by its owner alone (0600): whoever can use it can already read the
 * data folder.
 *
 * One request per connection, one line of JSON each way:
 *   → {"op": "backup", "file": "/absolute/path/duet.sqlite"}
 *   ← {"ok": true} or {"ok": false, "error": "..."}
 */
export const CONTROL_SOCKET = 'duet-control.sock';

export const controlSocketPath = (dataDir: string): string => join(dataDir, CONTROL_SOCKET);

export interface ControlHandlers {
  /** Writes a consistent copy of the database to `file` (which must not exist yet). */
  backup(file: string): Promise<void>;
}

export type ControlRequest = { op: 'backup'; file: string };
export type ControlReply = { ok: true } | { ok: false; error: string };

/** Listens on the data folder's control socket. The server holds the database lock, so a socket file left by a killed server is its own to replace. */
export async function listenForControl(dataDir: string, handlers: ControlHandlers): Promise<Server> {
  const path = controlSocketPath(dataDir);
  rmSync(path, { force: true });
  const server = createServer((socket) => serve(socket, handlers));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return server;
}

function serve(socket: Socket, handlers: ControlHandlers): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.length > 10_000) return socket.destroy();
    const end = buffer.indexOf('\n');
    if (end < 0) return;
    const line = buffer.slice(0, end);
    socket.removeAllListeners('data');
    void answer(line, handlers).then((reply) => socket.end(JSON.stringify(reply) + '\n'));
  });
}

async function answer(line: string, handlers: ControlHandlers): Promise<ControlReply> {
  let request: ControlRequest;
  try {
    request = JSON.parse(line) as ControlRequest;
  } catch {
    return { ok: false, error: 'the request is not JSON' };
  }
  if (request?.op !== 'backup' || typeof request.file !== 'string' || !request.file.startsWith('/')) {
    return { ok: false, error: 'the only request is {"op": "backup", "file": "<absolute path>"}' };
  }
  try {
    await handlers.backup(request.file);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * Sends one request to the server on `dataDir`. Resolves with its reply, or null when no server
 * listens there (no socket, or one a stopped server left behind).
 */
export function askServer(dataDir: string, request: ControlRequest): Promise<ControlReply | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath(dataDir));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(reply) as ControlReply);
      } catch {
        reject(new Error(`the server answered something unexpected: ${reply.slice(0, 200)}`));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(error);
    });
  });
}
