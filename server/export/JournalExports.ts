import type { Readable } from 'node:stream';
import type { DocumentRegistry } from '#shared/documents/registry.js';
import { indexRoom, readEntries } from '#shared/documents/journalIndex.js';
import type { Journal } from '../storage/AccountStore.js';
import type { Storage } from '../storage/Storage.js';
import { buildArchive } from './buildArchive.js';
import { EXPORTERS } from './exporters/index.js';
import { createExportSource, type ExportSource } from './ExportSource.js';
import type { Exporter } from './Exporter.js';
import { withDocument } from './readDocument.js';

/**
 * Makes a journal's archive as one member may see it now. Who may ask is the
 * route's business (membership); what is in it is each document's own rule
 * (ExportSource.mayRead).
 */
export class JournalExports {
  constructor(
    private readonly options: { storage: Storage; documents: DocumentRegistry; now: () => number; exporters?: readonly Exporter[] },
  ) {}

  async source(journal: Journal, userId: string): Promise<ExportSource> {
    const { storage, documents } = this.options;
    // The index is open to every member, and it is the timeline: read whole, once.
    const entries = (await withDocument(storage, indexRoom(journal.id), readEntries)) ?? [];
    const people = new Map<string, string>();
    for (const entry of entries) for (const author of entry.authors) people.set(author.id, author.name);
    // Members' account names last: they are the names people go by now.
    for (const member of await storage.listMembers(journal.id)) people.set(member.userId, member.name);
    return createExportSource({ journal, userId, storage, documents, now: this.options.now(), entries, people });
  }

  /** The zip, streamed as it is read (docs/design/export.md). */
  async archive(journal: Journal, userId: string): Promise<Readable> {
    return buildArchive(await this.source(journal, userId), this.options.exporters ?? EXPORTERS);
  }
}

/** `duet-<title>.zip`, ASCII only, for Content-Disposition. */
export function archiveFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `duet-${slug || 'journal'}.zip`;
}
