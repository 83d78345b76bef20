import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, waitForDoc } from '../helpers/collabClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

describe('two partners editing one entry through the relay', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];
  const open = (room: string, cookie: string | null) => {
    const client = connectClient(server.wsUrl, room, cookie);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.cleanup();
  });

  it('relays each partner’s typing to the other with the stock WebsocketProvider', async () => {
    const { a, b, journalId } = await pairedCouple(server.url);
    const room = entryRoom(journalId, 'entry00001');
    const ada = open(room, a.cookie);
    const ben = open(room, b.cookie);
    await Promise.all([ada.synced, ben.synced]);

    ada.doc.getText('t').insert(0, 'The lake was cold. ');
    ben.doc.getText('t').insert(0, 'We swam anyway. ');
    const both = (d: Y.Doc) => d.getText('t').toString().includes('lake') && d.getText('t').toString().includes('swam');
    await Promise.all([waitForDoc(ada.doc, both), waitForDoc(ben.doc, both)]);
    expect(ada.doc.getText('t').toString()).toBe(ben.doc.getText('t').toString());
  });

  it('keeps every word across a server restart', async () => {
    const { a, journalId } = await pairedCouple(server.url);
    const room = entryRoom(journalId, 'entry00002');
    const writer = open(room, a.cookie);
    await writer.synced;
    writer.doc.getXmlFragment('default').insert(0, [new Y.XmlText('first words')]);
    writer.doc.getText('title').insert(0, 'Sunday');
    const reader = open(room, a.cookie);
    await waitForDoc(reader.doc, (d) => d.getText('title').toString() === 'Sunday' && d.getXmlFragment('default').length === 1);
    writer.destroy();
    reader.destroy();

    server = await server.restart();
    const later = open(room, a.cookie);
    await later.synced;
    expect(later.doc.getText('title').toString()).toBe('Sunday');
    expect(later.doc.getXmlFragment('default').toString()).toBe('first words');
  });

  it('keeps a journal index and its entries in separate documents', async () => {
    const { a, b, userA, journalId } = await pairedCouple(server.url);
    const indexA = open(indexRoom(journalId), a.cookie);
    const indexB = open(indexRoom(journalId), b.cookie);
    await Promise.all([indexA.synced, indexB.synced]);
    indexA.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set('title', 'Our first entry');
      entry.set('createdBy', userA.id);
      entry.set('authors', new Y.Map([[userA.id, userA.name]]));
      indexA.doc.getMap('entries').set('entry00003', entry);
    });
    await waitForDoc(indexB.doc, (d) => d.getMap('entries').has('entry00003'));
    const entryDoc = open(entryRoom(journalId, 'entry00003'), b.cookie);
    await entryDoc.synced;
    expect(entryDoc.doc.share.size).toBe(0);
  });

  it('sends late joiners the awareness of those already present and removes it when they leave', async () => {
    const { a, b, journalId } = await pairedCouple(server.url);
    const room = entryRoom(journalId, 'entry00004');
    const ada = open(room, a.cookie);
    await ada.synced;
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#c0392b' });
    const ben = open(room, b.cookie);
    const adaId = ada.doc.clientID;
    await new Promise<void>((resolve) => {
      const check = () => {
        if ((ben.provider.awareness.getStates().get(adaId) as { user?: { name: string } } | undefined)?.user?.name === 'Ada') resolve();
      };
      ben.provider.awareness.on('change', check);
      check();
    });
    const gone = new Promise<void>((resolve) => {
      ben.provider.awareness.on('change', () => {
        if (!ben.provider.awareness.getStates().has(adaId)) resolve();
      });
    });
    // Cut the socket without a goodbye, as a crashed tab would: only the relay can tell Ben.
    ada.provider.shouldConnect = false;
    (ada.provider.ws as unknown as { terminate(): void }).terminate();
    await gone;
    expect(ben.provider.awareness.getStates().has(adaId)).toBe(false);
  });
});
