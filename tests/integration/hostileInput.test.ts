import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { writeAwareness, writeSyncStep1, writeUpdate } from '#shared/protocol/frames.js';
import { MAX_MESSAGE_BYTES } from '#shared/protocol/limits.js';
import { writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { entryRoom } from '#shared/documents/entry.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, waitForDoc } from '../helpers/collabClient.js';
import { openRawSocket } from '../helpers/rawSocket.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

function validUpdateFrame(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'a perfectly fine sentence that will be cut short');
  return writeUpdate(Y.encodeStateAsUpdate(doc));
}

describe('hostile input reaching the relay', () => {
  let server: TestServer;
  let cookie: string | null;
  let room: string;
  let otherRoom: string;
  let ada: CollabClient;
  let ben: CollabClient;
  let elsewhere: CollabClient;
  const text = (c: CollabClient) => c.doc.getText('t').toString();

  beforeAll(async () => {
    server = await startTestServer();
    const couple = await pairedCouple(server.url);
    cookie = couple.a.cookie;
    room = entryRoom(couple.journalId, 'entryHostile');
    otherRoom = entryRoom(couple.journalId, 'entryCalm01');
    ada = connectClient(server.wsUrl, room, couple.a.cookie);
    ben = connectClient(server.wsUrl, room, couple.b.cookie);
    elsewhere = connectClient(server.wsUrl, otherRoom, couple.b.cookie);
    await Promise.all([ada.synced, ben.synced, elsewhere.synced]);
    ada.doc.getText('t').insert(0, 'before the attack. ');
    await waitForDoc(ben.doc, (d) => d.getText('t').toString() === 'before the attack. ');
  });
  afterAll(async () => {
    for (const c of [ada, ben, elsewhere]) c?.destroy();
    await server?.cleanup();
  });

  /** After each attack the honest peers still sync, in this room and another, and nothing stored changed. */
  async function expectHonestPeersUnharmed(marker: string) {
    ada.doc.getText('t').insert(text(ada).length, `${marker} `);
    await waitForDoc(ben.doc, (d) => d.getText('t').toString().includes(marker));
    elsewhere.doc.getText('t').insert(0, marker);
    const check = connectClient(server.wsUrl, otherRoom, cookie);
    await waitForDoc(check.doc, (d) => d.getText('t').toString().includes(marker));
    check.destroy();
    const fresh = connectClient(server.wsUrl, room, cookie);
    await waitForDoc(fresh.doc, (d) => d.getText('t').toString() === text(ada));
    fresh.destroy();
  }

  const url = () => `${server.wsUrl}/${room}`;
  const cases: [string, () => Uint8Array | string, number][] = [
    ['an unknown message type', () => new Uint8Array([0x7f, 1, 2, 3]), CloseCode.BadMessage],
    ['a truncated update', () => validUpdateFrame().slice(0, 20), CloseCode.BadMessage],
    ['an update with trailing garbage', () => new Uint8Array([...validUpdateFrame(), 9, 9, 9]), CloseCode.BadMessage],
    ['an update whose payload is not a Yjs update', () => writeUpdate(new Uint8Array([200, 200, 200, 1, 0, 5])), CloseCode.BadMessage],
    ['a malformed state vector', () => writeSyncStep1(new Uint8Array([255, 255, 255])), CloseCode.BadMessage],
    ['garbage awareness', () => writeAwareness(new Uint8Array([50, 1, 2, 3])), CloseCode.BadMessage],
    [
      'an oversized awareness state',
      () => writeAwareness(writeAwarenessUpdate([{ clientId: 7, clock: 1, stateJson: JSON.stringify({ junk: 'x'.repeat(100_000) }) }])),
      CloseCode.AwarenessTooLarge,
    ],
    ['a text frame', () => 'hello relay', CloseCode.BadMessage],
    ['a frame over the size limit', () => new Uint8Array(MAX_MESSAGE_BYTES + 1), CloseCode.MessageTooBig],
  ];

  for (const [name, frame, code] of cases) {
    it(`closes only the socket that sends ${name}`, async () => {
      const attacker = await openRawSocket(url(), cookie);
      attacker.ws.send(frame());
      expect((await attacker.closed).code).toBe(code);
      await expectHonestPeersUnharmed(name.replace(/\W+/g, '-'));
    });
  }

  it('closes only the sockets of a person who floods the relay with valid messages', async () => {
    // The budget is per person, so the flood comes from a member of another couple, in a room
    // shared with their partner.
    const other = await pairedCouple(server.url);
    const floodRoom = entryRoom(other.journalId, 'entryFlood1');
    const partner = connectClient(server.wsUrl, floodRoom, other.a.cookie);
    await partner.synced;
    const attacker = await openRawSocket(`${server.wsUrl}/${floodRoom}`, other.b.cookie);
    // Harmless queries, far more at once than anyone types.
    for (let i = 0; i < 5000 && attacker.ws.readyState === attacker.ws.OPEN; i++) attacker.ws.send(writeSyncStep1(new Uint8Array([0])));
    expect((await attacker.closed).code).toBe(CloseCode.RateExceeded);
    // The partner in that room carries on, and so does everyone else.
    partner.doc.getText('t').insert(0, 'still writing');
    const check = connectClient(server.wsUrl, floodRoom, other.a.cookie);
    await waitForDoc(check.doc, (d) => d.getText('t').toString() === 'still writing');
    for (const c of [partner, check]) c.destroy();
    await expectHonestPeersUnharmed('after-flood');
  });

  it('survives 300 seeded random frames without crashing or changing the document', async () => {
    const random = seededRandom(20261125);
    for (let i = 0; i < 300; i++) {
      const length = 1 + Math.floor(random() * 64);
      const bytes = new Uint8Array(length);
      for (let k = 0; k < length; k++) bytes[k] = Math.floor(random() * 256);
      // Keep the bytes hostile: a random frame that happens to be a valid message
      // type is still random content behind it.
      const attacker = await openRawSocket(url(), cookie);
      attacker.ws.send(bytes);
      // Follow with a query so a frame that was (by chance) valid gets an answer or a close.
      attacker.ws.send(new Uint8Array([3]));
      const outcome = await Promise.race([
        attacker.closed.then((c) => c.code),
        new Promise<number>((resolve) => attacker.ws.once('message', () => resolve(0))),
      ]);
      expect([0, CloseCode.BadMessage, CloseCode.AwarenessTooLarge]).toContain(outcome);
      attacker.ws.terminate();
    }
    const before = text(ada);
    await expectHonestPeersUnharmed('after-fuzz');
    expect(text(ada).startsWith(before)).toBe(true);
  });
});
