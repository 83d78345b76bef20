import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { COLLAB_PATH_PREFIX } from '#shared/protocol/rooms.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { MAX_MESSAGE_BYTES, MAX_SOCKETS_PER_ADDRESS, MAX_SOCKETS_PER_USER } from '#shared/protocol/limits.js';
import type { AppContext } from '../AppContext.js';
import { authenticate } from '../auth/authenticate.js';
import { mayOpenRoom } from '../auth/roomAccess.js';
import { clientAddress, isSameOrigin } from '../http/requestOrigin.js';
import { storageFailureCode } from '../http/storageFailure.js';
import { closeAtExpiry } from './closeAtExpiry.js';
import type { PeerSocket } from '../relay/types.js';

/** How often idle sockets are pinged; a socket that misses one ping is dropped. */
const HEARTBEAT_MS = 30_000;

function refuse(socket: Duplex, status: number, text: string, message: string): void {
  const body = JSON.stringify({ error: { code: text.toLowerCase().replace(/ /g, '_'), message } });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The only module that speaks `ws`. It authorizes the HTTP upgrade (401 with
 * no session, 403 for a journal the user is not in) before any socket opens,
 * then adapts each socket to the relay's small `PeerSocket` interface.
 */
export function collabUpgrade(app: AppContext) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();
  /** Open sockets per client address. */
  const perAddress = new Map<string, number>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(COLLAB_PATH_PREFIX)) return refuse(socket, 404, 'Not Found', 'No WebSocket endpoint here.');
    const room = app.documents.parse(url.pathname.slice(COLLAB_PATH_PREFIX.length));
    if (!room) return refuse(socket, 404, 'Not Found', 'No such document.');
    // A page on another site must not reach the relay with our cookie.
    if (!isSameOrigin(req, app.trustProxy)) return refuse(socket, 403, 'Forbidden', 'Cross-origin connections are not allowed.');
    const auth = await authenticate(app, req);
    if (!auth) return refuse(socket, 401, 'Unauthorized', 'Log in to connect.');
    const role = await app.storage.getRole(room.journalId, auth.user.id);
    if (!role) return refuse(socket, 403, 'Forbidden', 'You are not a member of this journal.');
    // Counted before the socket opens (and before any storage work for the room), so one person or one address cannot use up the server's sockets.
    const address = clientAddress(req, app.trustProxy);
    const overCap = app.relay.connectionsOf(auth.user.id) >= MAX_SOCKETS_PER_USER || (perAddress.get(address) ?? 0) >= MAX_SOCKETS_PER_ADDRESS;
    if (overCap && app.relay.limitsPerPerson) {
      return refuse(socket, 429, 'Too Many Requests', 'Too many open connections; close some tabs or devices and try again.');
    }
    // The same answer whether a partner's owned document exists or not, so probing learns nothing.
    if (!(await mayOpenRoom(app.storage, room, auth.user.id, app.now()))) return refuse(socket, 403, 'Forbidden', 'This document is private to your partner.');
    // Server-written parts go in before any client's update can be judged against them.
    if (app.prepareRoom && !(await app.prepareRoom(room))) return refuse(socket, 404, 'Not Found', 'No such document yet.');

    wss.handleUpgrade(req, socket, head, (ws) => {
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      ws.once('close', () => {
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      });
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      const peerSocket: PeerSocket = {
        send: (data) => ws.send(data),
        close: (code, reason) => ws.close(code, reason),
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
      };
      let connection;
      try {
        connection = app.relay.connect(url.pathname.slice(COLLAB_PATH_PREFIX.length), peerSocket, {
          userId: auth.user.id,
          userName: auth.user.name,
          sessionId: auth.sessionId,
          journalId: room.journalId,
        });
      } catch {
        return; // the relay is shutting down and has closed the socket
      }
      const open = connection;
      // A socket lives no longer than its session: at expiry it closes as at logout.
      const expiry = closeAtExpiry(() => open.close(CloseCode.Unauthorized, 'session expired; log in again'), auth.expiresAt, app.now);
      ws.once('close', () => expiry.cancel());
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          open.close(CloseCode.BadMessage, 'text frames are not part of the protocol');
          return;
        }
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        open.receive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
      ws.on('close', () => open.socketClosed());
      ws.on('error', (error) => {
        // ws closes with 1009 on an oversized frame and reports it here.
        app.log.warn('socket error', { user: auth.user.id, error: error.message });
      });
    });
  }

  return {
    handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      handleUpgrade(req, socket, head).catch((error) => {
        const storage = storageFailureCode(error);
        app.log.error('upgrade failed', { error: String(error), storage });
        if (storage) refuse(socket, 503, 'Service Unavailable', 'Duet cannot read your journals right now. Try again in a few minutes.');
        else refuse(socket, 500, 'Internal Server Error', 'Something went wrong; try again.');
      });
    },
    close(): void {
      clearInterval(heartbeat);
      wss.close();
    },
  };
}
