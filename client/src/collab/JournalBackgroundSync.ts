import { COMMENT_SUMMARIES_FIELD, parseCommentSummary } from '#shared/model/commentSummary.js';
import { commentsRoom, entryRoom, indexRoom, parseRoomName } from '#shared/protocol/rooms.js';
import { entriesMap, readEntries, setEntryText } from '../journal/entryIndex';
import { readEntryText } from '../journal/entryText';
import type { DocRecord } from '../local/localDb';
import { deleteLocalDoc, listDocRecords, readDocRecord, setSyncedVersion } from '../local/localDocs';
import type { CollabRoom, RoomRegistry } from './roomRegistry';
import type { SyncLedger } from './SyncLedger';

/** The budget for one journal's entries kept on this device. */
export interface BackgroundSyncBudget {
  /** The newest this many live entries are kept... */
  maxEntries: number;
  /** ...as long as their stored size stays under this many bytes. */
  maxBytes: number;
  /** Entry documents synced at the same time (each is one socket). */
  concurrency: number;
  /** How long one document may take to sync (and confirm) before it is left for the next pass. */
  docTimeoutMs: number;
  /** The least time between two passes started by changes in the index. */
  minIntervalMs: number;
}

export const DEFAULT_BUDGET: BackgroundSyncBudget = {
  maxEntries: 100,
  maxBytes: 50 * 1024 * 1024,
  concurrency: 3,
  docTimeoutMs: 20_000,
  minIntervalMs: 30_000,
};

/**
 * Keeps one journal readable and writable offline. Holds the journal's index
 * room (without presence) for as long as it runs, so the timeline is live and
 * known locally; and in passes, a few sockets at a time:
 *
 * 1. pushes every document of the journal with changes from this device the
 *    relay has not confirmed (written offline and closed since), and waits
 *    for the relay's confirmation;
 * 2. fetches the newest entries, newest first, that changed since they were
 *    last fetched (the index's `updatedAt` differs), within the budget, and
 *    then the comments of those entries that changed (their summary's version);
 * 3. deletes local copies of entries outside the budget that hold nothing
 *    unconfirmed and are not open.
 *
 * A pass runs shortly after start, when the network comes back, and at most
 * every `minIntervalMs` while the index changes.
 */
export class JournalBackgroundSync {
  private index: CollabRoom | null = null;
  private running: Promise<void> | null = null;
  /** A pass was asked for while one ran: how soon to start it after (0 when the network came back). */
  private againIn: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPassAt = 0;
  private stopped = false;
  private readonly prefix: string;

  constructor(
    private readonly journalId: string,
    private readonly registry: RoomRegistry,
    private readonly ledger: SyncLedger,
    private readonly budget: BackgroundSyncBudget = DEFAULT_BUDGET,
  ) {
    this.prefix = `${journalId}/`;
  }

  /** The index room this sync holds (for connection checks). */
  get indexRoom(): CollabRoom | null {
    return this.index;
  }

  start(firstPassDelayMs: number): void {
    this.index = this.registry.acquire(indexRoom(this.journalId), { presence: false });
    entriesMap(this.index.doc).observeDeep(this.onIndexChange);
    this.index.doc.getMap(COMMENT_SUMMARIES_FIELD).observe(this.onIndexChange);
    window.addEventListener('online', this.onOnline);
    this.schedule(firstPassDelayMs);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
    if (this.index) {
      entriesMap(this.index.doc).unobserveDeep(this.onIndexChange);
      this.index.doc.getMap(COMMENT_SUMMARIES_FIELD).unobserve(this.onIndexChange);
      this.registry.release(this.index.name, { presence: false });
      this.index = null;
    }
  }

  private onOnline = (): void => this.schedule(0);

  private onIndexChange = (): void => {
    this.schedule(Math.max(0, this.lastPassAt + this.budget.minIntervalMs - Date.now()));
  };

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      const soon = delayMs === 0 ? 0 : this.budget.minIntervalMs;
      this.againIn = Math.min(this.againIn ?? soon, soon);
      return;
    }
    if (this.timer !== null) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.pass()
        .catch((error: unknown) => console.warn('Duet background sync failed', error))
        .finally(() => {
          this.running = null;
          this.lastPassAt = Date.now();
          if (this.againIn !== null) {
            const delay = this.againIn;
            this.againIn = null;
            this.schedule(delay);
          }
        });
    }, delayMs);
  }

  private async pass(): Promise<void> {
    const index = this.index;
    if (!index || this.stopped || !navigator.onLine || index.connection.isStopped) return;
    if (!(await waitUntil(() => index.provider.synced, index.connection.subscribe, this.budget.docTimeoutMs))) return;

    // 1. What this device wrote and the relay has not confirmed goes first.
    const unconfirmed = this.ledger.names(this.prefix).filter((name) => name !== index.name);
    await this.inPool(unconfirmed, (name) => this.syncDoc(name, null, true));
    if (this.stopped) return;

    // 2. The newest entries, within the budget.
    const records = new Map<string, DocRecord>((await listDocRecords(this.prefix)).map((r) => [r.name, r]));
    const newest = readEntries(index.doc)
      .filter((entry) => entry.deletedAt === null)
      .slice(0, this.budget.maxEntries);
    const keep = new Set<string>();
    let bytes = 0;
    let overBudget = false;
    await this.inPool(
      newest.map((entry) => ({ name: entryRoom(this.journalId, entry.id), version: entry.updatedAt })),
      async ({ name, version }) => {
        if (overBudget) return;
        const record = records.get(name);
        const fresh = record !== undefined && record.syncedVersion === version && !this.ledger.isUnconfirmed(name);
        if (!fresh && !(await this.syncDoc(name, version))) {
          // Not fetched this time; keep whatever copy exists.
          if (record) keep.add(name);
          return;
        }
        bytes += fresh ? record.bytes : ((await readDocRecord(name))?.bytes ?? 0);
        if (bytes > this.budget.maxBytes) overBudget = true;
        else keep.add(name);
      },
    );
    if (this.stopped) return;

    // 2b. The comments of the entries kept, when their summary in the index says they changed.
    const summaries = index.doc.getMap<unknown>(COMMENT_SUMMARIES_FIELD);
    const commentsToFetch = [...keep].flatMap((name) => {
      const ref = parseRoomName(name);
      const summary = ref?.kind === 'entry' ? parseCommentSummary(summaries.get(ref.entryId)) : null;
      if (!ref || ref.kind !== 'entry' || !summary) return [];
      const comments = commentsRoom(this.journalId, ref.entryId);
      return records.get(comments)?.syncedVersion === summary.version ? [] : [{ name: comments, version: summary.version }];
    });
    await this.inPool(commentsToFetch, ({ name, version }) => this.syncDoc(name, version));
    if (this.stopped) return;

    // 3. Entry copies outside the budget, unless they hold something unconfirmed or are open;
    //    then the comments copies (kept by the timeline and the entry page) of entries not on
    //    the device any more.
    const onDevice = await listDocRecords(this.prefix);
    const pinned = (record: DocRecord) => record.unconfirmed || this.ledger.isUnconfirmed(record.name) || this.registry.isOpen(record.name);
    const entriesHere = new Set<string>();
    for (const record of onDevice) {
      if (parseRoomName(record.name)?.kind !== 'entry') continue;
      if (keep.has(record.name) || pinned(record)) entriesHere.add(record.name);
      else await this.forgetLocal(record.name);
    }
    for (const record of onDevice) {
      const ref = parseRoomName(record.name);
      if (ref?.kind !== 'comments' || entriesHere.has(entryRoom(this.journalId, ref.entryId)) || pinned(record)) continue;
      await this.forgetLocal(record.name);
    }
  }

  private async forgetLocal(name: string): Promise<void> {
    await deleteLocalDoc(name);
    this.ledger.forget(name);
  }

  /**
   * Opens one document (without presence), lets it sync and confirm, records
   * it, and closes it. `merged`: it held offline changes, so the title and
   * preview in the index are refreshed from the merged text (nobody else
   * has that text to mirror).
   */
  private async syncDoc(name: string, version: number | null, merged = false): Promise<boolean> {
    if (this.stopped) return false;
    const room = this.registry.acquire(name, { presence: false });
    try {
      const synced = await waitUntil(() => room.provider.synced, room.connection.subscribe, this.budget.docTimeoutMs);
      if (!synced) return false;
      if (room.sync.getState() !== 'confirmed' && !(await room.sync.whenConfirmed(this.budget.docTimeoutMs))) return false;
      const ref = parseRoomName(name);
      if (merged && this.index && ref?.kind === 'entry') setEntryText(this.index.doc, ref.entryId, readEntryText(room.doc));
      await room.local.flushed();
      if (version !== null) await setSyncedVersion(name, version);
      return true;
    } finally {
      this.registry.release(name, { presence: false, immediate: true });
    }
  }

  /** Runs `work` over `items` with at most `concurrency` at a time, in order of start. */
  private async inPool<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined && !this.stopped; item = queue.shift()) await work(item);
    };
    await Promise.all(Array.from({ length: Math.min(this.budget.concurrency, queue.length) }, worker));
  }
}

/** Resolves true as soon as `test()` holds (checked on each `subscribe` notification), false after `timeoutMs`. */
function waitUntil(test: () => boolean, subscribe: (listener: () => void) => () => void, timeoutMs: number): Promise<boolean> {
  if (test()) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const finish = (result: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = subscribe(() => {
      if (test()) finish(true);
    });
  });
}
