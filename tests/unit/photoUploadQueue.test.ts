import { describe, expect, it } from 'vitest';
import type { PhotoUploadStore, StoredPhotoUpload } from '../../client/src/local/photoUploadStore.js';
import { PhotoUploadQueue, type UploadOutcome } from '../../client/src/photos/PhotoUploadQueue.js';
import { outcomeOf } from '../../client/src/photos/xhrUpload.js';
import type { Clock, OnlineSignal } from '../../client/src/sync/ports.js';
import { deferred } from '../helpers/fakePeers.js';

const JOURNAL = 'journal001';
const ENTRY = 'entry00001';

/** The device's IndexedDB, in memory: what a reload would find. */
class MemoryPhotoStore implements PhotoUploadStore {
  readonly rows = new Map<string, StoredPhotoUpload>();
  private wipes = 0;
  private readonly listeners = new Set<() => void>();
  get generation() {
    return this.wipes;
  }
  async put(upload: StoredPhotoUpload) {
    this.rows.set(`${upload.journalId}/${upload.photoId}`, structuredClone(upload));
  }
  async list() {
    return [...this.rows.values()].map((row) => structuredClone(row));
  }
  async remove(journalId: string, photoId: string) {
    this.rows.delete(`${journalId}/${photoId}`);
  }
  async clear() {
    this.wipes++;
    for (const listener of [...this.listeners]) listener();
    this.rows.clear();
  }
  onClear(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Timers that fire only when the test moves the clock. */
class ManualClock implements Clock {
  private time = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; run: () => void }>();
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, run });
    return handle;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  /** Moves time on by `ms`, running every timer that falls due. */
  advance(ms: number) {
    this.time += ms;
    for (const [handle, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(handle);
        timer.run();
      }
    }
  }
  get pending() {
    return [...this.timers.values()].map((t) => t.at - this.time);
  }
}

interface Sent {
  upload: StoredPhotoUpload;
  progress: (sent: number, total: number) => void;
  answer: (outcome: UploadOutcome) => void;
  aborted: boolean;
}

/** A queue on fake ports whose every upload waits for the test to answer it. */
function world(store = new MemoryPhotoStore()) {
  const clock = new ManualClock();
  let online = true;
  const onlineListeners = new Set<() => void>();
  const signal: OnlineSignal = {
    isOnline: () => online,
    subscribe: (listener) => {
      onlineListeners.add(listener);
      return () => onlineListeners.delete(listener);
    },
  };
  const sent: Sent[] = [];
  const queue = new PhotoUploadQueue({
    store,
    clock,
    online: signal,
    retryDelayMs: (attempt) => 1000 * 2 ** (attempt - 1),
    upload: (upload, progress) => {
      const reply = deferred<UploadOutcome>();
      const entry: Sent = { upload, progress, answer: reply.resolve, aborted: false };
      sent.push(entry);
      return {
        done: reply.promise,
        abort: () => {
          entry.aborted = true;
          reply.resolve({ kind: 'later', retryAfterMs: null });
        },
      };
    },
  });
  return {
    store,
    clock,
    queue,
    sent,
    setOnline(value: boolean) {
      online = value;
      for (const listener of [...onlineListeners]) listener();
    },
    phase: (photoId: string) => queue.get(JOURNAL, photoId)?.phase,
  };
}

const photo = (photoId: string, bytes = 10) => ({ journalId: JOURNAL, photoId, entryId: ENTRY, blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }) });

/** Lets the queue's promise callbacks run (an answered upload settles on a microtask). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('photo upload queue', () => {
  it('keeps each photo on the device, sends them one at a time oldest first with progress, and forgets them once stored', async () => {
    const w = world();
    await w.queue.add(photo('photo00001', 100), 1);
    await w.queue.add(photo('photo00002'), 2);
    expect(w.store.rows.size).toBe(2);
    expect(w.sent.map((s) => s.upload.photoId)).toEqual(['photo00001']);
    expect(w.phase('photo00002')).toBe('waiting');

    w.sent[0].progress(40, 100);
    expect(w.queue.get(JOURNAL, 'photo00001')).toMatchObject({ phase: 'uploading', sent: 40, total: 100 });
    w.sent[0].answer({ kind: 'stored' });
    await settle();
    expect(w.phase('photo00001')).toBe('stored');
    expect(w.store.rows.has(`${JOURNAL}/photo00001`)).toBe(false);
    expect(w.sent.map((s) => s.upload.photoId)).toEqual(['photo00001', 'photo00002']);
    w.sent[1].answer({ kind: 'stored' });
    await settle();
    expect(w.store.rows.size).toBe(0);
  });

  it('waits while offline and sends as soon as the network returns', async () => {
    const w = world();
    w.setOnline(false);
    await w.queue.add(photo('photo00001'));
    expect(w.sent).toHaveLength(0);
    expect(w.queue.get(JOURNAL, 'photo00001')).toMatchObject({ phase: 'waiting', offline: true });
    w.setOnline(true);
    expect(w.sent).toHaveLength(1);
    expect(w.phase('photo00001')).toBe('uploading');
  });

  it('retries after a failure that may pass, waiting longer each time, and at once when the network comes back', async () => {
    const w = world();
    await w.queue.add(photo('photo00001'));
    w.sent[0].answer({ kind: 'later', retryAfterMs: null });
    await settle();
    expect(w.queue.get(JOURNAL, 'photo00001')).toMatchObject({ phase: 'waiting', offline: false });
    expect(w.clock.pending).toEqual([1000]);
    w.clock.advance(1000);
    expect(w.sent).toHaveLength(2);
    w.sent[1].answer({ kind: 'later', retryAfterMs: null });
    await settle();
    expect(w.clock.pending).toEqual([2000]);
    // A rate limit says how long to wait.
    w.clock.advance(2000);
    w.sent[2].answer({ kind: 'later', retryAfterMs: 30_000 });
    await settle();
    expect(w.clock.pending).toEqual([30_000]);
    // The network dropping and returning is worth a try now.
    w.setOnline(false);
    w.setOnline(true);
    expect(w.sent).toHaveLength(4);
    expect(w.clock.pending).toEqual([]);
    w.sent[3].answer({ kind: 'stored' });
    await settle();
    expect(w.store.rows.size).toBe(0);
  });

  it('stops a refused photo with its reason, tells listeners, keeps it marked after a reload, and goes on with the next', async () => {
    const w = world();
    const refusals: string[] = [];
    w.queue.onRefused((upload, refusal) => refusals.push(`${upload.photoId}: ${refusal.code}`));
    await w.queue.add(photo('photo00001'), 1);
    await w.queue.add(photo('photo00002'), 2);
    w.sent[0].answer(outcomeOf(413, JSON.stringify({ error: { code: 'photo_too_large', message: 'Too big.' } }), null));
    await settle();
    expect(w.queue.get(JOURNAL, 'photo00001')).toMatchObject({ phase: 'refused', refusal: { status: 413, code: 'photo_too_large', message: 'Too big.' } });
    expect(refusals).toEqual(['photo00001: photo_too_large']);
    expect(w.sent.map((s) => s.upload.photoId)).toEqual(['photo00001', 'photo00002']);

    // A new visit finds it still refused (not sent again), with the same words.
    const again = world(w.store);
    await again.queue.start();
    const state = again.queue.get(JOURNAL, 'photo00001');
    expect(state?.phase).toBe('refused');
    expect(state?.phase === 'refused' && state.refusal.message).toBe('Too big.');
    expect(again.sent.map((s) => s.upload.photoId)).toEqual(['photo00002']);

    // Taken out of the entry, it leaves the device.
    await again.queue.discard(JOURNAL, 'photo00001');
    expect(w.store.rows.has(`${JOURNAL}/photo00001`)).toBe(false);
  });

  it('a full journal can be tried again once there is room', async () => {
    const w = world();
    await w.queue.add(photo('photo00001'));
    w.sent[0].answer(outcomeOf(507, JSON.stringify({ error: { code: 'journal_photos_full', message: 'Your journal is full of photos.' } }), null));
    await settle();
    expect(w.queue.get(JOURNAL, 'photo00001')).toMatchObject({ phase: 'refused', refusal: { message: 'Your journal is full of photos.' } });
    w.queue.retry(JOURNAL, 'photo00001');
    expect(w.sent).toHaveLength(2);
    w.sent[1].answer({ kind: 'stored' });
    await settle();
    expect(w.store.rows.size).toBe(0);
  });

  it('resumes what an earlier visit left when the app starts again', async () => {
    const first = world();
    first.setOnline(false);
    await first.queue.add(photo('photo00001'), 1);
    await first.queue.add(photo('photo00002'), 2);
    first.queue.stop();

    const second = world(first.store);
    await second.queue.start();
    expect(second.sent.map((s) => s.upload.photoId)).toEqual(['photo00001']);
    expect((await second.sent[0].upload.blob.arrayBuffer()).byteLength).toBe(10);
    second.sent[0].answer({ kind: 'stored' });
    await settle();
    second.sent[1].answer({ kind: 'stored' });
    await settle();
    expect(first.store.rows.size).toBe(0);
  });

  it('holds everything when the session has ended, until someone signs in again', async () => {
    const w = world();
    await w.queue.add(photo('photo00001'));
    w.sent[0].answer({ kind: 'signedOut' });
    await settle();
    expect(w.phase('photo00001')).toBe('waiting');
    w.clock.advance(60_000);
    w.setOnline(true);
    expect(w.sent).toHaveLength(1);
    w.queue.resume();
    expect(w.sent).toHaveLength(2);
  });

  it('logout wipes every waiting photo, stops the one on its way, and nothing of it comes back', async () => {
    const w = world();
    await w.queue.add(photo('photo00001'), 1);
    await w.queue.add(photo('photo00002'), 2);
    const inFlight = w.sent[0];
    await w.store.clear();
    expect(inFlight.aborted).toBe(true);
    expect(w.queue.list(JOURNAL)).toEqual([]);
    expect(w.store.rows.size).toBe(0);
    inFlight.answer(outcomeOf(415, '{}', null));
    await settle();
    expect(w.store.rows.size).toBe(0);
    expect(w.sent).toHaveLength(1);
  });

  it('reads the server’s answers: what to retry, what to stop, and a readable reason for each refusal', () => {
    expect(outcomeOf(201, '{}', null)).toEqual({ kind: 'stored' });
    expect(outcomeOf(0, '', null)).toEqual({ kind: 'later', retryAfterMs: null });
    expect(outcomeOf(503, '', '5')).toEqual({ kind: 'later', retryAfterMs: 5000 });
    expect(outcomeOf(429, '', '60')).toEqual({ kind: 'later', retryAfterMs: 60_000 });
    expect(outcomeOf(401, '', null)).toEqual({ kind: 'signedOut' });
    // Cut short on the way: the same photo again will do.
    expect(outcomeOf(400, JSON.stringify({ error: { code: 'upload_broken', message: 'The upload arrived incomplete.' } }), null).kind).toBe('later');
    // The server's own words where it gave them.
    expect(outcomeOf(413, JSON.stringify({ error: { code: 'photo_too_large', message: 'This photo is larger than 25 MB.' } }), null)).toEqual({
      kind: 'refused',
      refusal: { status: 413, code: 'photo_too_large', message: 'This photo is larger than 25 MB.' },
    });
    for (const status of [413, 415, 422, 507, 403]) {
      const outcome = outcomeOf(status, 'not json', null);
      expect(outcome.kind).toBe('refused');
      expect(outcome.kind === 'refused' && outcome.refusal.message.length).toBeGreaterThan(20);
    }
  });
});
