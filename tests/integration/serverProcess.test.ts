import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryRoom } from '#shared/documents/entry.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, nextClose } from '../helpers/collabClient.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import { type ServerProcess, spawnServer } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';

describe('the server process', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: ServerProcess | null = null;
  const clients: CollabClient[] = [];
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    dir.remove();
  });

  it('killed with SIGKILL still has, after a restart, every update that any client had received', async () => {
    server = await spawnServer(dir.path);
    const { a, b, journalId } = await pairedCouple(server.url);
    const room = entryRoom(journalId, 'entryKilled');
    const ada = connectClient(server.wsUrl, room, a.cookie);
    const ben = connectClient(server.wsUrl, room, b.cookie);
    clients.push(ada, ben);
    await Promise.all([ada.synced, ben.synced]);

    // Ben pulls the plug the instant his copy shows word 150, while Ada is still typing.
    const killer = server;
    let seenByBen = '';
    const killed = new Promise<void>((resolve) => {
      const onUpdate = () => {
        const text = ben.doc.getText('t').toString();
        if (!text.includes('w150 ')) return;
        killer.child.kill('SIGKILL');
        seenByBen = text;
        ben.doc.off('update', onUpdate);
        resolve();
      };
      ben.doc.on('update', onUpdate);
    });
    let typing = true;
    void killed.then(() => (typing = false));
    for (let i = 0; i < 300 && typing; i++) {
      const t = ada.doc.getText('t');
      t.insert(t.length, `w${i} `);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await killed;
    expect(await killer.exited).toBe('SIGKILL');
    for (const c of clients.splice(0)) c.destroy();

    server = await spawnServer(dir.path);
    const fresh = connectClient(server.wsUrl, room, b.cookie);
    clients.push(fresh);
    // After the handshake the client holds everything the relay has stored.
    await fresh.synced;
    expect(fresh.doc.getText('t').toString().startsWith(seenByBen)).toBe(true);
    expect(seenByBen).toContain('w150 ');
  });

  it('stops gracefully on SIGTERM: sockets close with 1012 and every received update is kept', async () => {
    server = await spawnServer(dir.path);
    const { a, journalId } = await pairedCouple(server.url);
    const room = entryRoom(journalId, 'entryTermed');
    const ada = connectClient(server.wsUrl, room, a.cookie);
    clients.push(ada);
    await ada.synced;
    const closed = nextClose(ada.provider);
    ada.doc.getText('t').insert(0, 'written just before the restart');
    // Ask the relay a question after the update; its answer proves the update was received.
    await new Promise<void>((resolve) => {
      ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
      ada.provider.ws!.addEventListener('message', () => resolve(), { once: true });
      ada.provider.ws!.send(new Uint8Array([3]));
    });
    server.child.kill('SIGTERM');
    expect((await closed).code).toBe(CloseCode.ServiceRestart);
    expect(await server.exited).toBe('0');
    for (const c of clients.splice(0)) c.destroy();

    server = await spawnServer(dir.path);
    const fresh = connectClient(server.wsUrl, room, a.cookie);
    clients.push(fresh);
    await fresh.synced;
    expect(fresh.doc.getText('t').toString()).toBe('written just before the restart');
  });
});
