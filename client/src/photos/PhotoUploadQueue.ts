import type { PhotoRefusal, PhotoUploadStore, StoredPhotoUpload } from '../local/photoUploadStore';
import type { Clock, OnlineSignal, TimerHandle } from '../sync/ports';

/**
 * What became of one attempt to upload a photo: the server stored it; it
 * could not get through now (no network, server trouble, rate limit: try
 * again, after `retryAfterMs` when the server said); the session is gone
 * (wait until someone signs in again); or the server refused it for good.
 */
export type UploadOutcome =
  | { kind: 'stored' }
  | { kind: 'later'; retryAfterMs: number | null }
  | { kind: 'signedOut' }
  | { kind: 'refused'; refusal: PhotoRefusal };

/** One upload under way: it reports progress, ends with an outcome, and can be stopped. */
export interface UploadAttempt {
  done: Promise<UploadOutcome>;
  abort(): void;
}

/** Sends one photo (XMLHttpRequest in the browser, for its upload progress: photos/xhrUpload.ts). */
export type UploadPhoto = (upload: StoredPhotoUpload, onProgress: (sent: number, total: number) => void) => UploadAttempt;

export interface PhotoUploadQueuePorts {
  store: PhotoUploadStore;
  upload: UploadPhoto;
  clock: Clock;
  online: OnlineSignal;
  /** How long to wait before the `attempt`th retry (1, 2, …) after a failure that may pass. */
  retryDelayMs: (attempt: number) => number;
}

/**
 * Where one photo stands, for the entry to show:
 * - `waiting`: kept on this device, not sent yet (no network, between retries, signed out, or behind another photo);
 * - `uploading`: on its way, `sent` of `total` bytes;
 * - `refused`: the server will not take it, and `refusal.message` says why and what to do;
 * - `stored`: the server has it. Kept in memory for the rest of the visit, so the
 *   picture stays on screen from the device until the server's copy is announced.
 */
export type PhotoUploadState =
  | { phase: 'waiting'; blob: Blob; offline: boolean }
  | { phase: 'uploading'; blob: Blob; sent: number; total: number }
  | { phase: 'refused'; blob: Blob; refusal: PhotoRefusal }
  | { phase: 'stored'; blob: Blob };

interface Item {
  upload: StoredPhotoUpload;
  state: PhotoUploadState;
}

const key = (journalId: string, photoId: string) => `${journalId}/${photoId}`;

/** Doubles from 2 s up to a minute, with jitter so many devices do not retry in step. */
export function defaultRetryDelayMs(attempt: number): number {
  const base = Math.min(60_000, 2000 * 2 ** (attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Photos on their way from this device to the server, one at a time, oldest
 * first. Each is kept in the device store (with its bytes) before it is
 * sent, and removed only once the server has stored it, so nothing is lost
 * when the network drops or the tab closes: `start()` picks up what an
 * earlier visit left. Uploads are idempotent on the server (the photo's id
 * is made when it is put in the entry), so sending one twice costs nothing.
 *
 * A failure that may pass (no network, a 5xx, 429) holds the whole queue
 * back, doubling the wait each time, and going online tries again at once;
 * a refusal (too big, not a photo, journal full) stops that photo only,
 * keeps it with its reason, and tells `onRefused` listeners; a 401 holds
 * everything until `resume()` (someone signed in again).
 */
export class PhotoUploadQueue {
  private readonly items = new Map<string, Item>();
  private readonly listeners = new Set<() => void>();
  private readonly refusalListeners = new Set<(upload: StoredPhotoUpload, refusal: PhotoRefusal) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private current: { item: Item; attempt: UploadAttempt } | null = null;
  private failures = 0;
  private retryTimer: TimerHandle | null = null;
  private signedOut = false;
  private stopped = false;
  private changes = 0;

  constructor(private readonly ports: PhotoUploadQueuePorts) {
    this.unsubscribe.push(
      ports.online.subscribe(() => {
        this.markOffline(!ports.online.isOnline());
        if (!ports.online.isOnline()) return;
        // Back online: whatever held the queue back is worth trying again now.
        this.failures = 0;
        this.clearRetry();
        this.pump();
      }),
      ports.store.onClear(() => this.forgetAll()),
    );
  }

  /** Reads what an earlier visit left waiting and starts sending it. */
  async start(): Promise<void> {
    const generation = this.ports.store.generation;
    let stored: StoredPhotoUpload[];
    try {
      stored = await this.ports.store.list();
    } catch (error) {
      console.warn('Duet could not read the photos waiting on this device', error);
      return;
    }
    if (generation !== this.ports.store.generation || this.stopped) return;
    for (const upload of stored) {
      const id = key(upload.journalId, upload.photoId);
      if (this.items.has(id)) continue;
      const state: PhotoUploadState = upload.refusal
        ? { phase: 'refused', blob: upload.blob, refusal: upload.refusal }
        : { phase: 'waiting', blob: upload.blob, offline: !this.ports.online.isOnline() };
      this.items.set(id, { upload, state });
    }
    this.changed();
    this.pump();
  }

  /**
   * Takes a photo just put in an entry: it shows at once (from `blob`), is
   * kept on the device, then sent. Resolves once it is kept (or could not be:
   * it is then still sent, but would not survive closing the tab).
   */
  async add(photo: { journalId: string; photoId: string; entryId: string; blob: Blob }, now = this.ports.clock.now()): Promise<void> {
    const upload: StoredPhotoUpload = { ...photo, addedAt: now, refusal: null };
    const item: Item = { upload, state: { phase: 'waiting', blob: photo.blob, offline: !this.ports.online.isOnline() } };
    this.items.set(key(photo.journalId, photo.photoId), item);
    this.changed();
    try {
      await this.ports.store.put(upload);
    } catch (error) {
      console.warn('Duet could not keep a photo on this device; it is sent from memory', error);
    }
    this.pump();
  }

  /** Where a photo stands on this device; undefined when this device is not sending it. */
  get(journalId: string, photoId: string): PhotoUploadState | undefined {
    return this.items.get(key(journalId, photoId))?.state;
  }

  /** Every photo this device holds for a journal, oldest first (the Memories view shows them before the server has them). */
  list(journalId: string): { upload: StoredPhotoUpload; state: PhotoUploadState }[] {
    return [...this.items.values()]
      .filter((item) => item.upload.journalId === journalId)
      .sort((a, b) => a.upload.addedAt - b.upload.addedAt)
      .map(({ upload, state }) => ({ upload, state }));
  }

  /** Whether any photo picked here has not reached the server yet (logging out would lose it). */
  hasWaiting(): boolean {
    return [...this.items.values()].some((item) => item.state.phase === 'waiting' || item.state.phase === 'uploading');
  }

  /** Calls `listener` after any change of any photo's state. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` when the server refuses a photo for good. */
  onRefused(listener: (upload: StoredPhotoUpload, refusal: PhotoRefusal) => void): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  /** Someone is signed in (again): send what waits. */
  resume(): void {
    if (!this.signedOut) {
      this.pump();
      return;
    }
    this.signedOut = false;
    this.failures = 0;
    this.clearRetry();
    this.pump();
  }

  /** Tries a refused photo again (the journal had no room, and now has). */
  retry(journalId: string, photoId: string): void {
    const item = this.items.get(key(journalId, photoId));
    if (!item || item.state.phase !== 'refused') return;
    item.upload = { ...item.upload, refusal: null };
    item.state = { phase: 'waiting', blob: item.upload.blob, offline: !this.ports.online.isOnline() };
    this.persist(item);
    this.changed();
    this.pump();
  }

  /** Forgets a photo: stops its upload and removes it from the device (a refused photo taken out of its entry). */
  async discard(journalId: string, photoId: string): Promise<void> {
    const id = key(journalId, photoId);
    const item = this.items.get(id);
    if (this.current && this.current.item === item) {
      this.current.attempt.abort();
      this.current = null;
    }
    this.items.delete(id);
    this.changed();
    await this.ports.store.remove(journalId, photoId).catch((error: unknown) => console.warn('Duet could not remove a photo from this device', error));
    this.pump();
  }

  /** Stops for good (tests, and a page going away). */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.current?.attempt.abort();
    this.current = null;
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Sends the next waiting photo, unless one is on its way or something holds the queue back. */
  private pump(): void {
    if (this.stopped || this.current || this.signedOut || this.retryTimer !== null) return;
    if (!this.ports.online.isOnline()) {
      this.markOffline(true);
      return;
    }
    const next = [...this.items.values()]
      .filter((item) => item.state.phase === 'waiting')
      .sort((a, b) => a.upload.addedAt - b.upload.addedAt)[0];
    if (!next) return;
    const generation = this.ports.store.generation;
    const total = next.upload.blob.size;
    next.state = { phase: 'uploading', blob: next.upload.blob, sent: 0, total };
    this.changed();
    const attempt = this.ports.upload(next.upload, (sent, size) => {
      if (this.current?.item !== next || next.state.phase !== 'uploading') return;
      next.state = { phase: 'uploading', blob: next.upload.blob, sent, total: size || total };
      this.changed();
    });
    const current = { item: next, attempt };
    this.current = current;
    void attempt.done
      .catch((): UploadOutcome => ({ kind: 'later', retryAfterMs: null }))
      .then((outcome) => {
        // Discarded, wiped or stopped meanwhile: nothing of it may come back.
        if (this.current !== current || generation !== this.ports.store.generation) return;
        this.current = null;
        this.settle(next, outcome);
      });
  }

  private settle(item: Item, outcome: UploadOutcome): void {
    const { upload } = item;
    switch (outcome.kind) {
      case 'stored':
        this.failures = 0;
        item.state = { phase: 'stored', blob: upload.blob };
        this.changed();
        void this.ports.store
          .remove(upload.journalId, upload.photoId)
          .catch((error: unknown) => console.warn('Duet could not remove an uploaded photo from this device', error));
        break;
      case 'refused':
        item.upload = { ...upload, refusal: outcome.refusal };
        item.state = { phase: 'refused', blob: upload.blob, refusal: outcome.refusal };
        this.persist(item);
        this.changed();
        for (const listener of [...this.refusalListeners]) listener(item.upload, outcome.refusal);
        break;
      case 'signedOut':
        this.signedOut = true;
        item.state = { phase: 'waiting', blob: upload.blob, offline: false };
        this.changed();
        return;
      case 'later': {
        this.failures++;
        item.state = { phase: 'waiting', blob: upload.blob, offline: !this.ports.online.isOnline() };
        this.changed();
        const delay = outcome.retryAfterMs ?? this.ports.retryDelayMs(this.failures);
        this.retryTimer = this.ports.clock.setTimeout(() => {
          this.retryTimer = null;
          this.pump();
        }, delay);
        return;
      }
    }
    this.pump();
  }

  /** Keeps the item's new state on the device (a refusal, or a retry clearing it). */
  private persist(item: Item): void {
    void this.ports.store.put(item.upload).catch((error: unknown) => console.warn('Duet could not update a photo kept on this device', error));
  }

  /** Every photo not yet sent says whether the device is offline. */
  private markOffline(offline: boolean): void {
    let changed = false;
    for (const item of this.items.values()) {
      if (item.state.phase === 'waiting' && item.state.offline !== offline) {
        item.state = { ...item.state, offline };
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  /** The device's copy was wiped (logout): nothing of the old account stays, in memory either. */
  private forgetAll(): void {
    this.current?.attempt.abort();
    this.current = null;
    this.clearRetry();
    this.items.clear();
    this.failures = 0;
    this.signedOut = false;
    this.changed();
  }

  private clearRetry(): void {
    if (this.retryTimer === null) return;
    this.ports.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Counts changes, so a view can tell that something changed (useSyncExternalStore). */
  get version(): number {
    return this.changes;
  }

  private changed(): void {
    this.changes++;
    for (const listener of [...this.listeners]) listener();
  }
}
