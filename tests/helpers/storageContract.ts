import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/storage/DocStore.js';
import type { Storage } from '../../server/storage/Storage.js';
import { photoStoreContract } from './photoStoreContract.js';
import { ritualStoreContract } from './ritualStoreContract.js';

/**
 * The contract every storage backend meets, as functions of a backend factory, so SQLite
 * today, the relay tests' doubles and a PostgreSQL backend later run the same rules.
 * A full backend (`Storage`) calls `storageContract`; a double that implements only what
 * the relay needs calls `docStoreContract`.
 *
 * DocStore, what the relay relies on:
 *  D1. a document never written loads empty: no snapshot, no updates, sequence 0, no owners;
 *  D2. `appendUpdates` keeps each document's updates in order and answers one sequence number
 *      per update, increasing; what it stored is there after a restart;
 *  D3. `compactDoc` replaces the snapshot and drops exactly the updates up to `throughSeq`, in
 *      one step; later sequence numbers keep increasing;
 *  D4. the first user to write under a client id in a document owns it for good, stored with
 *      the update, kept through compaction and a restart;
 *  D5. `usage(prefix)` counts stored bytes (snapshot and updates) and documents of exactly the
 *      documents whose name starts with the prefix.
 * AccountStore:
 *  A1. emails are unique ignoring case; a second sign-up with one is refused;
 *  A2. an invite is redeemed once, atomically with the membership it grants;
 *  A3. the counts behind the quotas: journals started, invites still open, invites made lately.
 * RitualStore: the rules numbered in ritualStoreContract.ts.
 * PhotoStore: the rules numbered in photoStoreContract.ts.
 */

/** A DocStore opened on fresh, empty data for one test. */
export interface OpenedDocStore {
  store: DocStore;
  /** Closes `store` and opens the same data again, as a restarted server would. */
  reopen(): Promise<DocStore>;
  /** Closes what is open and removes the data. */
  cleanup(): Promise<void> | void;
}

/** A full backend opened on fresh, empty data for one test. The suite closes `storage` itself. */
export interface OpenedStorage {
  storage: Storage;
  /** Opens the data again after the suite has closed `storage`. */
  reopen(): Promise<Storage>;
  /** Removes the data; called after `storage` is closed. */
  cleanup(): void;
}

/** Everything a full backend promises: the DocStore, AccountStore, RitualStore and PhotoStore rules. */
export function storageContract(name: string, open: () => Promise<OpenedStorage>): void {
  docStoreContract(name, async () => {
    const env = await open();
    let current = env.storage;
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = await env.reopen();
        return current;
      },
      cleanup: async () => {
        await current.close();
        env.cleanup();
      },
    };
  });
  accountStoreContract(name, open);
  ritualStoreContract(name, open);
  photoStoreContract(name, open);
}

/** Rules D1–D5: what the relay needs from any store, full backend or test double. */
export function docStoreContract(name: string, open: () => Promise<OpenedDocStore>): void {
  describe(`${name} DocStore contract`, () => {
    let env: OpenedDocStore;
    let store: DocStore;
    beforeEach(async () => {
      env = await open();
      store = env.store;
    });
    afterEach(async () => {
      await env.cleanup();
    });

    const update = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };

    it('D1. returns nothing for a document never written', async () => {
      expect(await store.loadDoc('j/entry-none')).toEqual({ snapshot: null, updates: [], lastSeq: 0, owners: new Map() });
    });

    it('D2. keeps updates per document, in order, across a reopen', async () => {
      const [one, other, two] = [update('one'), update('other'), update('two')];
      const seqs = await store.appendUpdates([
        { doc: 'j/a', update: one },
        { doc: 'j/b', update: other },
        { doc: 'j/a', update: two },
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[1]).toBeGreaterThan(seqs[0]);
      expect(seqs[2]).toBeGreaterThan(seqs[0]);
      store = await env.reopen();
      const loaded = await store.loadDoc('j/a');
      expect(loaded.updates).toEqual([one, two]);
      expect(loaded.lastSeq).toBe(seqs[2]);
    });

    it('D3. compacts atomically: the snapshot replaces exactly the updates it contains', async () => {
      const [s1, s2] = await store.appendUpdates([
        { doc: 'j/a', update: update('one') },
        { doc: 'j/a', update: update('two') },
      ]);
      await store.compactDoc('j/a', update('merged'), s1);
      const [s3] = await store.appendUpdates([{ doc: 'j/a', update: update('three') }]);
      const loaded = await store.loadDoc('j/a');
      expect(loaded.snapshot).not.toBeNull();
      expect(loaded.updates).toHaveLength(2);
      expect(loaded.lastSeq).toBe(s3);
      expect(s2).toBeLessThan(s3);
    });

    it('D4. keeps who first wrote under each client id, with the update, across compaction and a reopen', async () => {
      await store.appendUpdates([
        { doc: 'j/a', update: update('one'), owners: [[11, 'ada'], [12, 'ben']] },
        { doc: 'j/b', update: update('other'), owners: [[11, 'ben']] },
      ]);
      // A client id's first owner stays: a later claim changes nothing.
      const [seq] = await store.appendUpdates([{ doc: 'j/a', update: update('two'), owners: [[11, 'ben']] }]);
      await store.compactDoc('j/a', update('merged'), seq);
      store = await env.reopen();
      expect((await store.loadDoc('j/a')).owners).toEqual(new Map([[11, 'ada'], [12, 'ben']]));
      expect((await store.loadDoc('j/b')).owners).toEqual(new Map([[11, 'ben']]));
    });

    it('D5. measures a journal’s stored bytes and documents, snapshots included, and no other journal’s', async () => {
      const [seq] = await store.appendUpdates([
        { doc: 'j1/entry-a', update: new Uint8Array(100) },
        { doc: 'j1/entry-a', update: new Uint8Array(50) },
        { doc: 'j1/entry-b', update: new Uint8Array(10) },
        { doc: 'j10/entry-a', update: new Uint8Array(1000) },
        { doc: 'j0/entry-a', update: new Uint8Array(1000) },
      ]);
      await store.compactDoc('j1/entry-a', new Uint8Array(70), seq);
      expect(await store.usage('j1/')).toEqual({ bytes: 70 + 50 + 10, docs: 2 });
      expect(await store.usage('j2/')).toEqual({ bytes: 0, docs: 0 });
    });
  });
}

/** Rules A1–A3: accounts, journals and invites. */
export function accountStoreContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`${name} AccountStore contract`, () => {
    let env: OpenedStorage;
    let storage: Storage;
    beforeEach(async () => {
      env = await open();
      storage = env.storage;
    });
    afterEach(async () => {
      await storage.close();
      env.cleanup();
    });

    it('A1. stores accounts with case-insensitive unique emails', async () => {
      const user = { id: 'user000001', name: 'Ada', email: 'ada@example.com', passwordHash: 'x', createdAt: 1 };
      await storage.createUser(user);
      await expect(storage.createUser({ ...user, id: 'user000002', email: 'ADA@example.com' })).rejects.toThrow('email already registered');
      expect(await storage.findUserByEmail('ada@example.com')).toEqual(user);
    });

    it('A2. redeems an invite once, atomically with the membership', async () => {
      for (const id of ['owner00001', 'guest00001', 'guest00002']) {
        await storage.createUser({ id, name: id, email: `${id}@example.com`, passwordHash: 'x', createdAt: 1 });
      }
      await storage.createJournal({ id: 'journal001', title: 'Us', ownerId: 'owner00001', maxMembers: 2, createdAt: 1 });
      await storage.createInvite({ id: 'invite0001', tokenHash: 'h1', journalId: 'journal001', createdBy: 'owner00001', createdAt: 1, expiresAt: 100, usedAt: null, usedBy: null, revokedAt: null });
      const results = await Promise.all([storage.acceptInvite('h1', 'guest00001', 50), storage.acceptInvite('h1', 'guest00002', 50)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await storage.listMembers('journal001')).map((m) => m.role).sort()).toEqual(['member', 'owner']);
      expect(await storage.acceptInvite('nope', 'guest00002', 50)).toEqual({ ok: false, reason: 'unknown' });
    });

    it('A3. counts what the quotas need: journals started, invites still open, invites made lately', async () => {
      for (const id of ['owner00001', 'owner00002', 'guest00001']) {
        await storage.createUser({ id, name: id, email: `${id}@example.com`, passwordHash: 'x', createdAt: 1 });
      }
      await storage.createJournal({ id: 'journal001', title: 'One', ownerId: 'owner00001', maxMembers: 2, createdAt: 1 });
      await storage.createJournal({ id: 'journal002', title: 'Two', ownerId: 'owner00001', maxMembers: 2, createdAt: 2 });
      await storage.createJournal({ id: 'journal003', title: 'Theirs', ownerId: 'owner00002', maxMembers: 2, createdAt: 3 });
      const invite = { createdBy: 'owner00001', usedAt: null, usedBy: null, revokedAt: null };
      await storage.createInvite({ ...invite, id: 'invite0001', tokenHash: 'h1', journalId: 'journal001', createdAt: 10, expiresAt: 100 });
      await storage.createInvite({ ...invite, id: 'invite0002', tokenHash: 'h2', journalId: 'journal002', createdAt: 20, expiresAt: 100 });
      await storage.createInvite({ ...invite, id: 'invite0003', tokenHash: 'h3', journalId: 'journal002', createdAt: 30, expiresAt: 100 });
      await storage.createInvite({ ...invite, id: 'invite0004', tokenHash: 'h4', journalId: 'journal001', createdAt: 40, expiresAt: 60 });
      await storage.createInvite({ ...invite, createdBy: 'owner00002', id: 'invite0005', tokenHash: 'h5', journalId: 'journal003', createdAt: 50, expiresAt: 100 });
      expect((await storage.acceptInvite('h5', 'owner00001', 55)).ok).toBe(true);
      await storage.revokeInvite('journal002', 'invite0002', 55);
      expect((await storage.acceptInvite('h3', 'guest00001', 55)).ok).toBe(true);

      // Joining owner00002's journal is not starting one.
      expect(await storage.countJournalsStartedBy('owner00001')).toBe(2);
      expect(await storage.countJournalsStartedBy('guest00001')).toBe(0);
      // Open at 55: invite0001 and invite0004 (used, revoked and other people's invites are not).
      expect(await storage.countOpenInvitesBy('owner00001', 55)).toBe(2);
      expect(await storage.countOpenInvitesBy('owner00001', 60)).toBe(1);
      // Made after 15, whatever became of them, oldest first.
      expect(await storage.inviteTimesSince('owner00001', 15)).toEqual([20, 30, 40]);
      expect(await storage.inviteTimesSince('owner00002', 0)).toEqual([50]);
    });
  });
}
