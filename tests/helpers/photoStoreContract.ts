import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoFiles, PhotoSize } from '../../server/storage/PhotoStore.js';
import type { Storage } from '../../server/storage/Storage.js';

/**
 * What every backend's photo store promises (server/storage/PhotoStore.ts), as
 * a function of a factory so each backend runs the same rules:
 *  P1. a photo id never added reads as nothing, and so do files never recorded;
 *  P2. a file written from a stream reads back byte for byte, with its length, after a restart too;
 *  P3. a write that fails halfway leaves nothing under the name, and an earlier whole file stays whole;
 *  P4. an id belongs to one journal for good: the same id again in it answers the photo as first
 *      stored and counts once; in another journal it is refused ("taken");
 *  P5. a journal's photos are listed oldest first and count against its quota; an addition that
 *      would pass the quota is refused ("full") and stores nothing; other journals are not affected;
 *  P6. files are shared by content: two ids with one hash point at the same files.
 */
export function photoStoreContract(name: string, open: () => Promise<{ storage: Storage; reopen(): Promise<Storage>; cleanup(): void }>) {
  describe(`${name} photo store contract`, () => {
    let env: Awaited<ReturnType<typeof open>>;
    let storage: Storage;
    const [journalA, journalB] = ['journal0a1', 'journal0b1'];
    const ada = 'user00000a';

    beforeEach(async () => {
      env = await open();
      storage = env.storage;
      await storage.createUser({ id: ada, name: 'Ada', email: 'ada@example.com', passwordHash: 'x', createdAt: 1 });
      for (const id of [journalA, journalB]) await storage.createJournal({ id, title: 'Us', ownerId: ada, maxMembers: 2, createdAt: 1 });
    });
    afterEach(async () => {
      await storage.close();
      env.cleanup();
    });

    const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
    const bytesOf = (text: string, size: PhotoSize) => Buffer.from(`${text}:${size}:`.repeat(size === 'full' ? 5000 : size === 'display' ? 500 : 50));

    /** Writes and records the three sizes made from `text`, as an upload would. */
    async function storeFiles(text: string): Promise<PhotoFiles> {
      const hash = hashOf(text);
      const bytes = { full: 0, display: 0, thumb: 0 };
      for (const size of ['full', 'display', 'thumb'] as const) bytes[size] = await storage.photos.writeFile(hash, size, Readable.from([bytesOf(text, size)]));
      const files = { hash, type: 'image/jpeg', width: 4000, height: 3000, bytes };
      await storage.photos.recordFiles(files);
      return files;
    }

    const photo = (id: string, journalId: string, hash: string, uploadedAt = 10) => ({
      id,
      journalId,
      hash,
      entryId: 'entry00001',
      uploadedBy: ada,
      uploadedAt,
    });

    it('P1-P2. reads nothing before, and each size byte for byte after a restart', async () => {
      const hash = hashOf('lake');
      expect(await storage.photos.photo('photo00001')).toBeNull();
      expect(await storage.photos.files(hash)).toBeNull();
      expect(await storage.photos.openFile(hash, 'full')).toBeNull();
      const files = await storeFiles('lake');
      expect(files.bytes.full).toBe(bytesOf('lake', 'full').length);
      await storage.close();
      storage = await env.reopen();
      expect(await storage.photos.files(hash)).toEqual(files);
      for (const size of ['full', 'display', 'thumb'] as const) {
        const file = (await storage.photos.openFile(hash, size))!;
        expect(file.bytes).toBe(bytesOf('lake', size).length);
        expect((await buffer(file.stream)).equals(bytesOf('lake', size))).toBe(true);
      }
    });

    it('P3. a write that fails halfway leaves nothing under the name, and never spoils a whole file', async () => {
      const hash = hashOf('broken');
      const failing = () =>
        Readable.from(
          (async function* () {
            yield Buffer.alloc(64 * 1024, 1);
            throw new Error('the upload stopped');
          })(),
        );
      await expect(storage.photos.writeFile(hash, 'full', failing())).rejects.toThrow('the upload stopped');
      expect(await storage.photos.openFile(hash, 'full')).toBeNull();
      await storage.photos.writeFile(hash, 'full', Readable.from([Buffer.from('whole')]));
      await expect(storage.photos.writeFile(hash, 'full', failing())).rejects.toThrow();
      expect((await buffer((await storage.photos.openFile(hash, 'full'))!.stream)).toString()).toBe('whole');
    });

    it('P4. an id stays in its journal: again there answers the first photo, elsewhere it is taken', async () => {
      const lake = await storeFiles('lake');
      const sea = await storeFiles('sea');
      const first = await storage.photos.addPhoto(photo('photo00001', journalA, lake.hash, 10), 1e9);
      expect(first).toMatchObject({ outcome: 'added', photo: { id: 'photo00001', journalId: journalA, width: 4000, type: 'image/jpeg' } });
      const again = await storage.photos.addPhoto(photo('photo00001', journalA, sea.hash, 20), 1e9);
      expect(again).toEqual({ outcome: 'exists', photo: first.outcome === 'added' ? first.photo : null });
      expect(await storage.photos.addPhoto(photo('photo00001', journalB, lake.hash, 30), 1e9)).toEqual({ outcome: 'taken' });
      expect(await storage.photos.bytesOf(journalA)).toBe(lake.bytes.full + lake.bytes.display + lake.bytes.thumb);
      expect(await storage.photos.bytesOf(journalB)).toBe(0);
    });

    it('P5-P6. lists a journal’s photos oldest first within its quota; files are shared by content', async () => {
      const lake = await storeFiles('lake');
      const each = lake.bytes.full + lake.bytes.display + lake.bytes.thumb;
      expect((await storage.photos.addPhoto(photo('photo00002', journalA, lake.hash, 20), 2 * each)).outcome).toBe('added');
      expect((await storage.photos.addPhoto(photo('photo00001', journalA, lake.hash, 10), 2 * each)).outcome).toBe('added');
      expect(await storage.photos.addPhoto(photo('photo00003', journalA, lake.hash, 30), 2 * each)).toEqual({ outcome: 'full', used: 2 * each });
      expect(await storage.photos.photo('photo00003')).toBeNull();
      expect((await storage.photos.addPhoto(photo('photo00004', journalB, lake.hash, 40), 2 * each)).outcome).toBe('added');
      expect((await storage.photos.photosOf(journalA)).map((p) => p.id)).toEqual(['photo00001', 'photo00002']);
      expect((await storage.photos.photo('photo00004'))?.hash).toBe(lake.hash);
      expect(await storage.photos.bytesOf(journalA)).toBe(2 * each);
    });
  });
}
