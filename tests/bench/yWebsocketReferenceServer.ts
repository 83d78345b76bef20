// The reference server of y-websocket 1.x (`bin/utils.js`), the code most Yjs
// deployments started from. In-memory only: it stores nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
// @ts-expect-error: y-websocket 1.x ships this file without types
import { setupWSConnection } from 'y-websocket-v1/bin/utils';

const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { gc: true }));
});
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`Reference server is running at http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
});
