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
 *  A2. an invite is redeemed once, atomically with the membership it grants; removing a member
 *      never leaves a journal with nobody, even when both are removed at once;
 *  A3. the counts behind the quotas: journals started, invites still open, invites made lately;
 *  A4. a user's sessions are listed with when they began, were last seen and on what device, and
 *      end one at a time, all but one, or all with a password change, never another user's;
 *  A5. a reset token is used once, only within its time, and using one ends every other token
 *      and every session of its user;
 *  A6. deleting an account removes its rows, the documents named, and journals nobody else is in;
 *      a journal it started passes to the partner, whose membership and documents stay;
 *  A7. `listDocs(prefix)` names exactly the stored documents (snapshot or updates) under a prefix;
 *  A8. a name and an email change (reset links sent before die); an email taken by another account is refused.
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
  accountLifecycleContract(name, open);
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

    it('A2. redeems an invite once, atomically with the membership; never removes the last member', async () => {
      for (const id of ['owner00001', 'guest00001', 'guest00002']) {
        await storage.createUser({ id, name: id, email: `${id}@example.com`, passwordHash: 'x', createdAt: 1 });
      }
      await storage.createJournal({ id: 'journal001', title: 'Us', ownerId: 'owner00001', maxMembers: 2, createdAt: 1 });
      await storage.createInvite({ id: 'invite0001', tokenHash: 'h1', journalId: 'journal001', createdBy: 'owner00001', createdAt: 1, expiresAt: 100, usedAt: null, usedBy: null, revokedAt: null });
      const results = await Promise.all([storage.acceptInvite('h1', 'guest00001', 50), storage.acceptInvite('h1', 'guest00002', 50)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await storage.listMembers('journal001')).map((m) => m.role).sort()).toEqual(['member', 'owner']);
      expect(await storage.acceptInvite('nope', 'guest00002', 50)).toEqual({ ok: false, reason: 'unknown' });
      // Two partners removing each other at once: one goes, the journal keeps the other.
      const member = (await storage.listMembers('journal001')).find((m) => m.role === 'member')!.userId;
      const removals = await Promise.all([storage.removeMember('journal001', 'owner00001'), storage.removeMember('journal001', member)]);
      expect(removals.filter(Boolean)).toHaveLength(1);
      expect(await storage.listMembers('journal001')).toHaveLength(1);
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

/** Rules A4–A8: account settings, password resets and deleting an account (docs/design/accounts.md). */
export function accountLifecycleContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`${name} AccountStore contract: account settings and deletion`, () => {
    let env: OpenedStorage;
    let storage: Storage;
    beforeEach(async () => {
      env = await open();
      storage = env.storage;
      for (const id of ['user000001', 'user000002']) {
        await storage.createUser({ id, name: id, email: `${id}@example.com`, passwordHash: 'old', createdAt: 1 });
      }
    });
    afterEach(async () => {
      await storage.close();
      env.cleanup();
    });

    const session = (id: string, userId: string, createdAt: number) =>
      storage.createSession({ id, tokenHash: `hash-${id}`, userId, expiresAt: 10_000, createdAt, device: 'Firefox on Linux' });

    it('A4. lists, touches and ends sessions, and a password change ends all but the one kept', async () => {
      await session('session001', 'user000001', 10);
      await session('session002', 'user000001', 20);
      await session('session003', 'user000001', 30);
      await session('session004', 'user000002', 40);
      await storage.touchSession('session001', 50);
      const listed = await storage.listSessions('user000001');
      expect(listed.map((s) => s.id)).toEqual(['session001', 'session003', 'session002']);
      expect(listed[0]).toEqual({ id: 'session001', createdAt: 10, lastSeenAt: 50, device: 'Firefox on Linux', expiresAt: 10_000 });
      expect((await storage.findSession('hash-session001'))?.lastSeenAt).toBe(50);
      // Not another user's session.
      expect(await storage.endSession('user000001', 'session004')).toBe(false);
      expect(await storage.endSession('user000001', 'session002')).toBe(true);
      expect(await storage.findSession('hash-session002')).toBeNull();
      expect(await storage.endSessionsOf('user000001', 'session001')).toEqual(['session003']);
      await session('session005', 'user000001', 60);
      expect(await storage.changePassword('user000001', 'new', 'session005')).toEqual(['session001']);
      expect((await storage.findUserById('user000001'))?.passwordHash).toBe('new');
      expect((await storage.listSessions('user000001')).map((s) => s.id)).toEqual(['session005']);
      expect(await storage.findSession('hash-session004')).not.toBeNull();
    });

    it('A5. uses a reset token once, within its hour, and ends the others and every session', async () => {
      await session('session001', 'user000001', 10);
      await storage.createPasswordReset({ tokenHash: 'reset-1', userId: 'user000001', createdAt: 100, expiresAt: 200 }, 100);
      await storage.createPasswordReset({ tokenHash: 'reset-2', userId: 'user000001', createdAt: 150, expiresAt: 250 }, 150);
      await storage.createPasswordReset({ tokenHash: 'reset-3', userId: 'user000002', createdAt: 150, expiresAt: 250 }, 150);
      expect(await storage.findPasswordReset('reset-1', 199)).toMatchObject({ userId: 'user000001' });
      expect(await storage.findPasswordReset('reset-1', 200)).toBeNull();
      expect(await storage.redeemPasswordReset('reset-1', 'x', 200)).toEqual({ ok: false });
      expect(await storage.redeemPasswordReset('reset-2', 'new', 210)).toEqual({ ok: true, userId: 'user000001', endedSessions: ['session001'] });
      expect((await storage.findUserById('user000001'))?.passwordHash).toBe('new');
      expect(await storage.redeemPasswordReset('reset-2', 'again', 211)).toEqual({ ok: false });
      expect((await storage.findUserById('user000001'))?.passwordHash).toBe('new');
      // The other user's token is theirs still.
      expect(await storage.findPasswordReset('reset-3', 211)).not.toBeNull();
    });

    it('A6. deletes an account: its rows, the documents named, its lone journals; a shared journal passes to the partner', async () => {
      await storage.createJournal({ id: 'shared0001', title: 'Us', ownerId: 'user000001', maxMembers: 2, createdAt: 1 });
      await storage.createJournal({ id: 'alone00001', title: 'Mine', ownerId: 'user000001', maxMembers: 2, createdAt: 2 });
      await storage.createInvite({ id: 'invite0001', tokenHash: 'h1', journalId: 'shared0001', createdBy: 'user000001', createdAt: 1, expiresAt: 100, usedAt: null, usedBy: null, revokedAt: null });
      expect((await storage.acceptInvite('h1', 'user000002', 5)).ok).toBe(true);
      await session('session001', 'user000001', 10);
      await storage.createPasswordReset({ tokenHash: 'reset-1', userId: 'user000001', createdAt: 10, expiresAt: 1000 }, 10);
      const update = (doc: string) => ({ doc, update: Y.encodeStateAsUpdate(docWith(doc)), owners: [[7, 'user000001']] as const });
      await storage.appendUpdates([update('shared0001/draft-user000001.d1'), update('shared0001/index'), update('alone00001/index')]);
      await storage.deleteAccount({ userId: 'user000001', docs: ['shared0001/draft-user000001.d1'], journals: ['alone00001'] });

      expect(await storage.findUserById('user000001')).toBeNull();
      expect(await storage.findUserByEmail('user000001@example.com')).toBeNull();
      expect(await storage.findSession('hash-session001')).toBeNull();
      expect(await storage.findPasswordReset('reset-1', 11)).toBeNull();
      expect(await storage.getJournal('alone00001')).toBeNull();
      expect(await storage.listDocs('alone00001/')).toEqual([]);
      expect(await storage.listDocs('shared0001/')).toEqual(['shared0001/index']);
      expect((await storage.loadDoc('shared0001/draft-user000001.d1')).owners.size).toBe(0);
      expect(await storage.getJournal('shared0001')).toMatchObject({ ownerId: 'user000002' });
      expect(await storage.listMembers('shared0001')).toEqual([expect.objectContaining({ userId: 'user000002', role: 'owner' })]);
      expect(await storage.listJournalsOf('user000001')).toEqual([]);
    });

    it('A7. lists the documents stored under a prefix, snapshot or updates, and no others', async () => {
      const update = (doc: string) => ({ doc, update: Y.encodeStateAsUpdate(docWith(doc)) });
      await storage.appendUpdates([update('j1/draft-a.1'), update('j1/draft-a.2'), update('j1/draft-b.1'), update('j2/draft-a.1')]);
      await storage.compactDoc('j1/draft-a.1', Y.encodeStateAsUpdate(docWith('j1/draft-a.1')), Number.MAX_SAFE_INTEGER);
      expect(await storage.listDocs('j1/draft-a.')).toEqual(['j1/draft-a.1', 'j1/draft-a.2']);
      expect(await storage.listDocs('j3/')).toEqual([]);
    });

    it('A8. changes a name and an email, and refuses an email another account has', async () => {
      await storage.renameUser('user000001', 'Ada Lovelace');
      await storage.createPasswordReset({ tokenHash: 'reset-old-inbox', userId: 'user000001', createdAt: 100, expiresAt: 200 }, 100);
      await storage.changeEmail('user000001', 'ada@example.com');
      // A link mailed to the old address dies with it.
      expect(await storage.findPasswordReset('reset-old-inbox', 150)).toBeNull();
      expect(await storage.findUserByEmail('ADA@example.com')).toMatchObject({ id: 'user000001', name: 'Ada Lovelace' });
      await expect(storage.changeEmail('user000002', 'Ada@Example.com')).rejects.toThrow('email already registered');
      expect(await storage.findUserById('user000002')).toMatchObject({ email: 'user000002@example.com' });
    });
  });
}

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}
