import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SESSION_TTL_MS } from '../../server/auth/sessionTokens.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { writeAwareness, writeUpdate } from '#shared/protocol/frames.js';
import { writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { MAX_SOCKETS_PER_USER } from '#shared/protocol/limits.js';
import { entryRoom } from '#shared/documents/entry.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { connectClient, waitForDoc } from '../helpers/collabClient.js';
import { type RawSocket, openRawSocket, upgradeStatus } from '../helpers/rawSocket.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

describe('the relay’s limits over real sockets', () => {
  let server: TestServer;
  /** Added to the server's clock, so a test can bring a session close to its end. */
  let clockOffset = 0;

  beforeAll(async () => {
    server = await startTestServer({ now: () => Date.now() + clockOffset });
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('closes a socket with 4401 when its session expires, and refuses it afterwards', async () => {
    // Ada's session ends 30 days after it was made, some moment after `madeAt` (signing up can be slow here).
    const madeAt = Date.now();
    const couple = await pairedCouple(server.url);
    const room = entryRoom(couple.journalId, 'entryExpiry');
    // Move the server's clock to a moment before that end, by a margin measured on this machine: on a busy
    // one a fixed margin can pass before the socket opens, and it would be refused at the door instead.
    const started = Date.now();
    const warm = await openRawSocket(`${server.wsUrl}/${room}`, couple.a.cookie);
    warm.ws.close();
    await warm.closed;
    const margin = 1000 + 4 * (Date.now() - started);
    clockOffset = madeAt + SESSION_TTL_MS - margin - Date.now();
    try {
      const socket = await openRawSocket(`${server.wsUrl}/${room}`, couple.a.cookie);
      const { code } = await socket.closed;
      expect(code).toBe(CloseCode.Unauthorized);
      expect(await upgradeStatus(`${server.wsUrl}/${room}`, couple.a.cookie)).toBe(401);
    } finally {
      clockOffset = 0;
    }
  });

  it('refuses more sockets than one person may hold, with 429, and takes new ones as old ones close', async () => {
    const couple = await pairedCouple(server.url);
    const url = `${server.wsUrl}/${entryRoom(couple.journalId, 'entrySockets')}`;
    const open: RawSocket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_USER; i++) open.push(await openRawSocket(url, couple.a.cookie));
    expect(await upgradeStatus(url, couple.a.cookie)).toBe(429);
    // The partner is not affected by Ada's sockets.
    expect(await upgradeStatus(url, couple.b.cookie)).toBe(101);
    const first = open.shift()!;
    first.ws.close();
    await first.closed;
    // The server sees the close a moment after the client does.
    await waitUntil(() => server.server.relay.connectionsOf(couple.userA.id) < MAX_SOCKETS_PER_USER);
    expect(await upgradeStatus(url, couple.a.cookie)).toBe(101);
    for (const socket of open) socket.ws.close();
    await Promise.all(open.map((s) => s.closed));
  });

  it('shows the partner’s presence under the partner’s real name, whatever a client claims', async () => {
    const couple = await pairedCouple(server.url);
    const room = entryRoom(couple.journalId, 'entryPresence');
    const ada = connectClient(server.wsUrl, room, couple.a.cookie);
    await ada.synced;
    const ben = await openRawSocket(`${server.wsUrl}/${room}`, couple.b.cookie);
    const claim = JSON.stringify({ user: { id: couple.userA.id, name: 'Ada', color: '#123456' } });
    ben.ws.send(writeAwareness(writeAwarenessUpdate([{ clientId: 31337, clock: 1, stateJson: claim }])));
    await new Promise<void>((resolve) => {
      const check = () => ada.provider.awareness.getStates().has(31337) && resolve();
      ada.provider.awareness.on('change', check);
      check();
    });
    expect(ada.provider.awareness.getStates().get(31337)?.user).toEqual({ id: couple.userB.id, name: 'Ben', color: '#123456' });
    ada.destroy();
    ben.ws.close();
  });

  it('keeps a bystander couple syncing while someone sends updates nested far too deep', async () => {
    const attackers = await pairedCouple(server.url);
    const bystanders = await pairedCouple(server.url);
    const calm = entryRoom(bystanders.journalId, 'entryCalm001');
    const ada = connectClient(server.wsUrl, calm, bystanders.a.cookie);
    const ben = connectClient(server.wsUrl, calm, bystanders.b.cookie);
    await Promise.all([ada.synced, ben.synced]);
    // 3,000 levels of nested elements in one small frame: refused before Yjs applies it.
    const deep = new Y.Doc();
    deep.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = deep.getXmlFragment('default');
      for (let i = 0; i < 3000; i++) {
        const child: Y.XmlElement = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
    });
    const frame = writeUpdate(Y.encodeStateAsUpdate(deep));
    const closes: Promise<{ code: number }>[] = [];
    for (let i = 0; i < 5; i++) {
      const socket = await openRawSocket(`${server.wsUrl}/${entryRoom(attackers.journalId, `entryDeep${i}00`)}`, attackers.a.cookie);
      socket.ws.send(frame);
      closes.push(socket.closed);
      ada.doc.getText('title').insert(ada.doc.getText('title').length, `${i}`);
    }
    await waitForDoc(ben.doc, (d) => d.getText('title').toString() === '01234');
    for (const closed of await Promise.all(closes)) expect(closed.code).toBe(CloseCode.DocumentShape);
    ada.destroy();
    ben.destroy();
  });
});

/** Re-checks `condition` as network events arrive, until it holds. */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
