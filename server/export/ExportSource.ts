import type * as Y from 'yjs';
import type { DocumentRegistry } from '#shared/documents/registry.js';
import type { EntrySummary } from '#shared/documents/journalIndex.js';
import { mayOpenRoom } from '../auth/roomAccess.js';
import type { Journal } from '../storage/AccountStore.js';
import type { Storage } from '../storage/Storage.js';
import { withDocument } from './readDocument.js';

/**
 * What every exporter reads from: one journal, as one person may see it at
 * one moment. Whether a document is in the export is decided by `mayRead`,
 * which is `mayOpenRoom` (the upgrade's own check), never a copy of the rule.
 */
export interface ExportSource {
  journal: Journal;
  /** The person the archive is made for. */
  userId: string;
  storage: Storage;
  /** The moment the export is taken: what is released by then is in it. */
  now: number;
  /** The journal's timeline (read once; small next to the entries). */
  entries: readonly EntrySummary[];
  /** Everyone named in the journal: members now and the authors on the timeline. */
  people: ReadonlyMap<string, string>;
  /** Whether the person may open `room` (a full room name); false for a name that is no room. */
  mayRead(room: string): Promise<boolean>;
  /** Reads a stored document the person may open; null when they may not, or it was never stored. */
  read<T>(room: string, read: (doc: Y.Doc) => T): Promise<T | null>;
}

export function nameOf(source: ExportSource, userId: string): string {
  return source.people.get(userId) ?? 'Former member';
}

export function createExportSource(options: {
  journal: Journal;
  userId: string;
  storage: Storage;
  documents: DocumentRegistry;
  now: number;
  entries: readonly EntrySummary[];
  people: ReadonlyMap<string, string>;
}): ExportSource {
  const { storage, documents, userId, now } = options;
  const mayRead = async (room: string) => {
    const parsed = documents.parse(room);
    return parsed !== null && parsed.journalId === options.journal.id && (await mayOpenRoom(storage, parsed, userId, now));
  };
  return {
    ...options,
    mayRead,
    async read(room, read) {
      if (!(await mayRead(room))) return null;
      return withDocument(storage, room, read);
    },
  };
}
