/**
 * Upload to partner sees: one partner uploads a 5 MB, 12-megapixel camera
 * photo; how long from the start of the upload until the other partner's
 * stock WebsocketProvider, on the journal's index, has the photo's record and
 * a GET of its display size succeeds. Duet only: neither reference server
 * takes photos.
 */
import { cpus, loadavg } from 'node:os';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readPhotoRecord } from '#shared/documents/indexPhotos.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { cookieWebSocket, waitForDoc } from '../helpers/collabClient.js';
import { spawnServer } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { cameraJpeg, fetchPhoto, uploadPhoto } from '../helpers/testPhotos.js';
import { median } from './benchTargets.js';

const UPLOADS = 8;
const [WIDTH, HEIGHT] = [4032, 3024];

/** Runs the scenario and returns its section of docs/benchmarks.md. */
export async function runPhotoUploadBench(): Promise<string> {
  const dir = tempDir('duet-photo-bench-');
  const server = await spawnServer(dir.path);
  try {
    const { a, b, journalId } = await pairedCouple(server.url);
    const doc = new Y.Doc();
    const partner = new WebsocketProvider(server.wsUrl, indexRoom(journalId), doc, {
      WebSocketPolyfill: cookieWebSocket(b.cookie) as never,
      disableBc: true,
    });
    await new Promise<void>((resolve) => partner.once('sync', () => resolve()));

    // Made before timing: each a different picture, so none is found already stored.
    const photos: Buffer[] = [];
    for (let i = 0; i < UPLOADS; i++) photos.push(await cameraJpeg(WIDTH, HEIGHT, i));
    const sizes = photos.map((p) => p.length / 1e6);

    const answered: number[] = [];
    const partnerSees: number[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      const photoId = `benchphoto${i}`;
      const t0 = performance.now();
      const recordArrives = waitForDoc(doc, (d) => readPhotoRecord(d, photoId) !== null);
      const put = await uploadPhoto(a, journalId, photoId, photos[i], { entryId: 'benchentry1' });
      if (put.status !== 201) throw new Error(`upload failed: ${put.status} ${JSON.stringify(put.body)}`);
      answered.push(performance.now() - t0);
      await recordArrives;
      const shown = await fetchPhoto(b, journalId, photoId, 'display');
      if (shown.status !== 200) throw new Error(`display size not served: ${shown.status}`);
      partnerSees.push(performance.now() - t0);
    }
    partner.destroy();
    doc.destroy();
    const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
    const [small, large] = [Math.min(...sizes).toFixed(1), Math.max(...sizes).toFixed(1)];
    return `## Photo upload to partner sees

One partner uploads a camera-like photo (${WIDTH} × ${HEIGHT} with sensor grain, turned by its EXIF
orientation, ${small === large ? small : `${small}–${large}`} MB) ${UPLOADS} times, one after another, each a different picture, through \`PUT /api/journals/:id/photos/:photoId\` from Node's \`fetch\` over loopback. The
server reads it to a scratch file, checks it, and writes the three sizes (full ≤ 4096, display ≤ 1600,
thumb ≤ 400) before answering. "Partner sees" runs until the other partner's stock
\`WebsocketProvider\` on the journal index has the photo's record and a GET of the display size has
answered 200. Machine load average while it ran: ${loadavg()[0].toFixed(0)} (on ${cpus().length} cores). Duet only: neither
reference server takes photos.

| from the start of the upload | median | slowest of ${UPLOADS} |
| --- | --- | --- |
| until the upload is answered (stored) | ${s(median(answered))} | ${s(Math.max(...answered))} |
| until the partner sees it (record and display size) | ${s(median(partnerSees))} | ${s(Math.max(...partnerSees))} |
`;
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
    dir.remove();
  }
}
