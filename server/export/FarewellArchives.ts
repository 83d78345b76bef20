import { newId } from '#shared/model/ids.js';
import type { Logger } from '../relay/types.js';
import type { Journal } from '../storage/AccountStore.js';
import type { ArchiveRecord, ArchiveStore } from '../storage/ArchiveStore.js';
import type { JournalExports } from './JournalExports.js';

/** How long a former member can download the copy they were given. */
export const ARCHIVE_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
/** How often expired copies are looked for, besides at start. */
export const ARCHIVE_SWEEP_MS = 60 * 60 * 1000;

/**
 * "Leaving takes your words with you": the archive a member is given when
 * they leave or are removed, made before the membership ends (so it is the
 * journal exactly as they could see it), kept 30 days, then swept away.
 */
export class FarewellArchives {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: { exports: JournalExports; store: ArchiveStore; now: () => number; log: Logger },
  ) {}

  get store(): ArchiveStore {
    return this.options.store;
  }

  async keep(journal: Journal, userId: string, removedBy: { id: string; name: string } | null): Promise<ArchiveRecord> {
    const now = this.options.now();
    const zip = await this.options.exports.archive(journal, userId);
    return this.options.store.save(
      {
        id: newId(),
        userId,
        journalId: journal.id,
        journalTitle: journal.title,
        reason: removedBy ? 'removed' : 'left',
        removedBy: removedBy?.id ?? null,
        removedByName: removedBy?.name ?? null,
        createdAt: now,
        expiresAt: now + ARCHIVE_KEPT_MS,
        // Someone who left knows why; someone removed is told on their next visit.
        noticeSeenAt: removedBy ? null : now,
      },
      zip,
    );
  }

  /** Deletes what has expired now; the timer calls it hourly. */
  /** Deletes every copy `userId` was given: their account is being deleted, and the copies hold their words. */
  async forget(userId: string): Promise<void> {
    const { store } = this.options;
    for (const record of await store.listFor(userId)) await store.delete(record.id);
  }

  async sweep(): Promise<number> {
    const deleted = await this.options.store.deleteExpired(this.options.now());
    if (deleted > 0) this.options.log.info('deleted expired archives of former members', { deleted });
    return deleted;
  }

  /** Sweeps once (resolved when done: a copy past its 30 days is gone before the server answers anyone), then hourly. */
  async start(): Promise<void> {
    const run = () => this.sweep().catch((error: unknown) => void this.options.log.error('could not sweep expired archives', { error: String(error) }));
    await run();
    this.timer = setInterval(() => void run(), ARCHIVE_SWEEP_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
