import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentKind } from '#shared/documents/DocumentKind.js';
import { entryDocument } from '#shared/documents/entry.js';
import { DOCUMENTS, createDocumentRegistry } from '#shared/documents/registry.js';
import { roomName } from '#shared/documents/roomNames.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { upgradeStatus } from '../helpers/rawSocket.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

/** A kind private to its owner (drafts are coming): the room's id is the owner's user id. */
const draftsDocument: DocumentKind = { ...entryDocument, name: 'drafts', openTo: 'owner' };

describe('a document kind private to its owner', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.cleanup();
  });

  it('opens only for its owner: the partner is refused at the upgrade, before any socket opens', async () => {
    server = await startTestServer({ documents: createDocumentRegistry([...DOCUMENTS.kinds, draftsDocument]) });
    const { a, userA, userB, journalId } = await pairedCouple(server.url);
    const adaDrafts = `${server.wsUrl}/${roomName(draftsDocument, journalId, userA.id)}`;
    const benDrafts = `${server.wsUrl}/${roomName(draftsDocument, journalId, userB.id)}`;
    expect(await upgradeStatus(adaDrafts, a.cookie)).toBe(101);
    expect(await upgradeStatus(benDrafts, a.cookie)).toBe(403);
  });

  it('is not a room at all on a server that does not know the kind', async () => {
    server = await startTestServer();
    const { a, userA, journalId } = await pairedCouple(server.url);
    expect(await upgradeStatus(`${server.wsUrl}/${roomName(draftsDocument, journalId, userA.id)}`, a.cookie)).toBe(404);
  });
});
