import type { Readable } from 'node:stream';

/**
 * The copy a member takes with them when they leave a journal or are removed
 * (docs/design/export.md, "Leaving"): the export as they could see it at that
 * moment, kept for them alone for 30 days.
 */
export interface ArchiveRecord {
  id: string;
  /** The former member it was made for: the only person who may download it. */
  userId: string;
  journalId: string;
  journalTitle: string;
  reason: 'left' | 'removed';
  /** Who removed them (null when they left), and that person's name then. */
  removedBy: string | null;
  removedByName: string | null;
  createdAt: number;
  expiresAt: number;
  /** The zip's length. */
  bytes: number;
  /** When they saw the notice that they were removed (null until then; always set for `left`). */
  noticeSeenAt: number | null;
}

/** Where archives live; a backend keeps the bytes where it likes and hands them out as streams. */
export interface ArchiveStore {
  /** Stores the zip read from `zip`, whole or not at all, with its record; resolves once both are durable. */
  save(record: Omit<ArchiveRecord, 'bytes'>, zip: Readable): Promise<ArchiveRecord>;
  /** A person's archives, newest first, expired ones included until the sweep removes them. */
  listFor(userId: string): Promise<ArchiveRecord[]>;
  get(archiveId: string): Promise<ArchiveRecord | null>;
  /** The zip's bytes; null when it is gone. */
  open(archiveId: string): Promise<Readable | null>;
  markNoticeSeen(archiveId: string, at: number): Promise<void>;
  /** Deletes every archive expired at `now` (record and bytes); resolves with how many. */
  deleteExpired(now: number): Promise<number>;
  /** Deletes one archive, record and bytes, whatever its age (its owner deleted their account). */
  delete(archiveId: string): Promise<void>;
}
