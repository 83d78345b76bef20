import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { entryRoom } from '#shared/documents/entry.js';
import { readPhotoRecord } from '#shared/documents/indexPhotos.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, waitForDoc } from '../helpers/collabClient.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';
import { fetchPhoto, jpegWithLocation, noisyJpeg, pixelBomb, transparentPng, truncatedJpeg, uploadPhoto } from '../helpers/testPhotos.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const schema = entrySchema();

/** Every file under `dir`, at any depth. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('photos', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.cleanup();
  });

  async function start(options: Parameters<typeof startTestServer>[0] = {}) {
    server = await startTestServer(options);
    return pairedCouple(server.url);
  }

  /** No upload is left in the scratch folder, and nothing half-written in the photo folder. */
  function expectNoLeftovers() {
    const scratch = join(server.dataDir, 'tmp');
    expect(readdirSync(scratch).filter((name) => name.startsWith('duet-upload-'))).toEqual([]);
    expect(filesUnder(join(server.dataDir, 'photos')).filter((path) => path.includes('incoming'))).toEqual([]);
  }

  it('are stored without location or camera data, upright, in three sizes, for members only', async () => {
    const { a, b, journalId } = await start();
    const original = await jpegWithLocation();
    const put = await uploadPhoto(a, journalId, 'photo00001', original, { entryId: 'entry00001' });
    expect(put.status).toBe(201);
    expect(put.body.photo).toMatchObject({ id: 'photo00001', entryId: 'entry00001', width: 200, height: 300, type: 'image/jpeg' });

    for (const size of ['full', 'display', 'thumb']) {
      const served = await fetchPhoto(b, journalId, 'photo00001', size);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      const meta = await sharp(served.bytes).metadata();
      // Re-encoded: no EXIF at all (so no GPS, camera or times), orientation applied rather than noted.
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(served.bytes.includes('PhoneCo')).toBe(false);
      expect([meta.width, meta.height]).toEqual([200, 300]);
      // Turned as the camera said: the red left half is now on top.
      const { data } = await sharp(served.bytes).extract({ left: 100, top: 20, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
      expect(data[0]).toBeGreaterThan(150);
      expect(data[2]).toBeLessThan(100);
    }
    // Cached by the browser, asked again: the same bytes need not come back.
    const first = await fetchPhoto(a, journalId, 'photo00001', 'display');
    const again = await fetchPhoto(a, journalId, 'photo00001', 'display', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);

    const list = await a.request('GET', `/api/journals/${journalId}/photos`);
    expect(list.body.photos.map((p: { id: string }) => p.id)).toEqual(['photo00001']);
    expectNoLeftovers();
  });

  it('keep transparency where the picture has it', async () => {
    const { a, journalId } = await start();
    const put = await uploadPhoto(a, journalId, 'sticker001', await transparentPng(), { filename: 'sticker.png', type: 'image/png' });
    expect(put.status).toBe(201);
    expect(put.body.photo.type).toBe('image/webp');
    const served = await fetchPhoto(a, journalId, 'sticker001', 'display');
    const meta = await sharp(served.bytes).metadata();
    expect([meta.format, meta.hasAlpha]).toEqual(['webp', true]);
    // A corner of the sticker's square is still see-through.
    const { data } = await sharp(served.bytes).ensureAlpha().extract({ left: 1, top: 1, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0);
  });

  it('take AVIF as well, stored as JPEG like any photo', async () => {
    const { a, journalId } = await start();
    const avif = await sharp(await noisyJpeg(320, 240)).avif({ quality: 50, effort: 0 }).toBuffer();
    const put = await uploadPhoto(a, journalId, 'photo00001', avif, { filename: 'photo.avif', type: 'image/avif' });
    expect([put.status, put.body.photo?.type, put.body.photo?.width]).toEqual([201, 'image/jpeg', 320]);
  });

  it('are still there after a restart, and what a crash left half-written is swept away', async () => {
    const { a, journalId } = await start();
    expect((await uploadPhoto(a, journalId, 'photo00001', await jpegWithLocation())).status).toBe(201);
    const before = (await fetchPhoto(a, journalId, 'photo00001', 'full')).bytes;
    await server.stop();
    // As if the process had died while reading an upload and while writing a size.
    writeFileSync(join(server.dataDir, 'tmp', 'duet-upload-deadbeef'), 'half an upload');
    mkdirSync(join(server.dataDir, 'photos', 'incoming'), { recursive: true });
    writeFileSync(join(server.dataDir, 'photos', 'incoming', 'ab-full-123'), 'half a photo');
    server = await server.restart();
    const after = await fetchPhoto(a, journalId, 'photo00001', 'full');
    expect(after.status).toBe(200);
    expect(after.bytes.equals(before)).toBe(true);
    expectNoLeftovers();
  });

  it('refuse what is not a photo, too large, cut short or a decompression bomb, with a reason, keeping nothing', async () => {
    const { a, journalId } = await start();
    const text = await uploadPhoto(a, journalId, 'photo00001', Buffer.from('Dear diary, this is not a picture at all.'), { filename: 'beach.jpg' });
    expect([text.status, text.body.error.code]).toEqual([415, 'not_a_photo']);
    expect(text.body.error.message).toMatch(/not a photo Duet can read/);

    const oversized = await uploadPhoto(a, journalId, 'photo00002', Buffer.alloc(26 * 1024 * 1024, 7));
    expect([oversized.status, oversized.body.error.code]).toEqual([413, 'photo_too_large']);
    expect(oversized.body.error.message).toMatch(/larger than 25 MB/);

    const cut = await uploadPhoto(a, journalId, 'photo00003', await truncatedJpeg());
    expect([cut.status, cut.body.error.code]).toEqual([422, 'photo_damaged']);

    const bomb = await pixelBomb();
    expect(bomb.length).toBeLessThan(1000);
    const bombed = await uploadPhoto(a, journalId, 'photo00004', bomb, { filename: 'bomb.png', type: 'image/png' });
    expect([bombed.status, bombed.body.error.code]).toEqual([422, 'too_many_pixels']);
    expect(bombed.body.error.message).toMatch(/12000 × 10000 pixels/);

    const nothing = await a.request('PUT', `/api/journals/${journalId}/photos/photo00005`, { photo: 'not multipart' });
    expect([nothing.status, nothing.body.error.code]).toEqual([400, 'not_multipart']);

    expect((await a.request('GET', `/api/journals/${journalId}/photos`)).body.photos).toEqual([]);
    for (const id of ['photo00001', 'photo00002', 'photo00003', 'photo00004']) expect((await fetchPhoto(a, journalId, id, 'thumb')).status).toBe(404);
    expect(filesUnder(join(server.dataDir, 'photos'))).toEqual([]);
    expectNoLeftovers();
  });

  it('stop reading an upload as soon as it passes the limit, whatever length it declared', async () => {
    const { a, journalId } = await start({ photoLimits: { uploadBytes: 256 * 1024 } });
    // Within the room left for multipart framing, so only the reader's own count can stop it.
    const over = await uploadPhoto(a, journalId, 'photo00001', await noisyJpeg(500, 300).then((small) => Buffer.concat([small, Buffer.alloc(256 * 1024 + 1000 - small.length)])));
    expect([over.status, over.body.error.code]).toEqual([413, 'photo_too_large']);
    expect(over.body.error.message).toMatch(/larger than 256 KB/);
    expect((await uploadPhoto(a, journalId, 'photo00002', await noisyJpeg(200, 100))).status).toBe(201);
    expectNoLeftovers();
  });

  it('answer 401 without a session and 404 to someone outside the journal, existing or not', async () => {
    const { a, journalId } = await start();
    expect((await uploadPhoto(a, journalId, 'photo00001', await jpegWithLocation())).status).toBe(201);
    const stranger = new ApiClient(server.url);
    await stranger.signUp('Eve');
    const anonymous = new ApiClient(server.url);

    const noSession = await uploadPhoto(anonymous, journalId, 'photo00002', await jpegWithLocation());
    expect([noSession.status, noSession.body.error.code]).toEqual([401, 'not_logged_in']);
    expect((await fetchPhoto(anonymous, journalId, 'photo00001', 'display')).status).toBe(401);

    const outsider = await uploadPhoto(stranger, journalId, 'photo00002', await jpegWithLocation());
    const missing = await uploadPhoto(stranger, 'nojournal01', 'photo00002', await jpegWithLocation());
    expect([outsider.status, outsider.body]).toEqual([404, missing.body]);
    expect((await fetchPhoto(stranger, journalId, 'photo00001', 'display')).status).toBe(404);
    expect((await stranger.request('GET', `/api/journals/${journalId}/photos`)).status).toBe(404);
    expect((await a.request('GET', `/api/journals/${journalId}/photos`)).body.photos).toHaveLength(1);
  });

  it('keep a photo id in its journal: another journal’s id is refused on upload and not served', async () => {
    const { a, b, journalId } = await start();
    const other = await a.createJournal('Trips with friends');
    expect((await uploadPhoto(a, journalId, 'photo00001', await jpegWithLocation())).status).toBe(201);
    const reused = await uploadPhoto(a, other, 'photo00001', await jpegWithLocation());
    expect([reused.status, reused.body.error.code]).toEqual([409, 'photo_taken']);
    // Ada is a member of both, and still the photo is not the other journal's.
    expect((await fetchPhoto(a, other, 'photo00001', 'display')).status).toBe(404);
    expect((await fetchPhoto(b, other, 'photo00001', 'display')).status).toBe(404);
    expect((await fetchPhoto(a, journalId, 'photo00001', 'display')).status).toBe(200);
  });

  it('store the same upload once: again under its id it answers what is stored, under another id it shares the files', async () => {
    const { a, b, journalId } = await start();
    const bytes = await noisyJpeg(800, 600);
    const first = await uploadPhoto(a, journalId, 'photo00001', bytes);
    expect(first.status).toBe(201);
    const retry = await uploadPhoto(a, journalId, 'photo00001', bytes);
    expect([retry.status, retry.body]).toEqual([200, first.body]);
    const twin = await uploadPhoto(b, journalId, 'photo00002', bytes);
    expect(twin.status).toBe(201);
    expect(twin.body.photo.by).not.toBe(first.body.photo.by);
    expect(filesUnder(join(server.dataDir, 'photos'))).toHaveLength(3);
  });

  it('hold a journal to its photo quota and each person to the upload rate, with a reason', async () => {
    const { a, b, journalId } = await start({ photoLimits: { journalBytes: 40_000, uploadsPerWindow: 3 } });
    expect((await uploadPhoto(a, journalId, 'photo00001', await noisyJpeg(120, 80))).status).toBe(201);
    const full = await uploadPhoto(a, journalId, 'photo00002', await noisyJpeg(400, 300));
    expect([full.status, full.body.error.code]).toEqual([507, 'journal_photos_full']);
    expect(full.body.error.message).toMatch(/full of photos/);
    expect((await a.request('GET', `/api/journals/${journalId}/photos`)).body.photos).toHaveLength(1);

    expect((await uploadPhoto(a, journalId, 'photo00003', await noisyJpeg(60, 40))).status).toBe(201);
    const limited = await uploadPhoto(a, journalId, 'photo00004', await noisyJpeg(60, 41));
    expect([limited.status, limited.body.error.code]).toEqual([429, 'too_many_photos']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // A retry of a stored photo is no new upload, and the partner has a budget of their own.
    expect((await uploadPhoto(a, journalId, 'photo00003', await noisyJpeg(60, 40))).status).toBe(200);
    expect((await uploadPhoto(b, journalId, 'photo00005', await noisyJpeg(60, 42))).status).toBe(201);
  });

  it('reach the partner through the index as soon as stored, and follow the entry that shows them', async () => {
    const { a, b, journalId, userA } = await start();
    const partnerIndex = connectClient(server.wsUrl, indexRoom(journalId), b.cookie);
    const writer = connectClient(server.wsUrl, entryRoom(journalId, 'entry00001'), a.cookie);
    clients.push(partnerIndex, writer);
    await Promise.all([partnerIndex.synced, writer.synced]);

    // Ada puts the photo in her entry (it syncs before the upload, as when offline), then uploads it.
    const editor = new HeadlessEditor(writer.doc, schema);
    editor.apply((state) =>
      state.tr.replaceWith(0, state.doc.content.size, [
        schema.nodes.paragraph.create(null, schema.text('The lake at dawn')),
        schema.nodes.photo.create({ id: 'photo00001', caption: 'Still water' }),
      ]),
    );
    const put = await uploadPhoto(a, journalId, 'photo00001', await jpegWithLocation(), { entryId: 'entry00001' });
    expect(put.status).toBe(201);
    await waitForDoc(partnerIndex.doc, (doc) => readPhotoRecord(doc, 'photo00001') !== null);
    const record = readPhotoRecord(partnerIndex.doc, 'photo00001')!;
    expect(record).toMatchObject({ entryId: 'entry00001', by: userA.id, width: 200, height: 300, shownIn: 'entry00001' });

    // She takes it out of the entry: the record says no entry shows it.
    editor.apply((state) => state.tr.delete(state.doc.child(0).nodeSize, state.doc.content.size));
    await waitForDoc(partnerIndex.doc, (doc) => readPhotoRecord(doc, 'photo00001')?.shownIn === null);
    // And puts it back, inside a quote this time.
    editor.apply((state) =>
      state.tr.insert(state.doc.content.size, schema.nodes.blockquote.create(null, schema.nodes.photo.create({ id: 'photo00001' }))),
    );
    await waitForDoc(partnerIndex.doc, (doc) => readPhotoRecord(doc, 'photo00001')?.shownIn === 'entry00001');
  });

  it('refuse a member writing a photo record in the index', async () => {
    const { b, journalId } = await start();
    const partnerIndex = connectClient(server.wsUrl, indexRoom(journalId), b.cookie);
    clients.push(partnerIndex);
    await partnerIndex.synced;
    const closed = new Promise<number>((resolve) => partnerIndex.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)));
    partnerIndex.doc.getMap('photos').set('photo00009', JSON.stringify({ entryId: null, by: 'someone01', at: 1, width: 1, height: 1, shownIn: null }));
    expect(await closed).toBe(4406);
  });
});
