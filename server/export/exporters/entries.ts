import { commentsRoom, readThreads } from '#shared/documents/comments.js';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import type { EntrySummary } from '#shared/documents/journalIndex.js';
import type { CommentThread } from '#shared/model/comments.js';
import { escapeHtml } from '../escapeHtml.js';
import { exporter } from '../Exporter.js';
import { commentsHtml, when } from '../htmlParts.js';
import { fragmentToJson, type PmNode } from '../proseMirrorJson.js';
import { bodyToHtml, bodyToMarkdown } from '../renderBody.js';
import type { ExportSource } from '../ExportSource.js';

export interface EntryRecord {
  id: string;
  date: string;
  title: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  deletedAt: number | null;
  authors: { id: string; name: string }[];
  hearts: string[];
  content: PmNode;
  comments: CommentThread[];
}

const EMPTY_BODY: PmNode = { type: 'doc', content: [] };

/** Threads oldest first (ties by id), so the same journal always lists them alike. */
export function sortedThreads(threads: Iterable<CommentThread>): CommentThread[] {
  return [...threads].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export async function readComments(source: ExportSource, room: string): Promise<CommentThread[]> {
  return (await source.read(room, (doc) => sortedThreads(readThreads(doc).values()))) ?? [];
}

/** Timeline order: by day, then creation, then id. */
export const byDay = (a: EntrySummary, b: EntrySummary) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

export const titleOf = (title: string) => title.trim() || 'Untitled';

/** Every entry on the timeline, the bin's included (marked), with its words and comments. */
export const entriesExporter = exporter<EntrySummary, EntryRecord>({
  key: 'entries',
  heading: 'Our entries',
  async refs(source) {
    return [...source.entries].sort(byDay);
  },
  time: (ref) => Math.max(ref.updatedAt, ref.createdAt),
  async load(source, ref) {
    const body = await source.read(entryRoom(source.journal.id, ref.id), (doc) => ({
      title: entryTitle(doc).toString(),
      content: fragmentToJson(entryBody(doc)),
    }));
    return {
      id: ref.id,
      date: ref.date,
      // The entry's own title is the truth; the index mirrors it for the timeline.
      title: body?.title ?? ref.title,
      createdAt: ref.createdAt,
      createdBy: ref.createdBy,
      updatedAt: ref.updatedAt,
      deletedAt: ref.deletedAt,
      authors: [...ref.authors].sort((a, b) => (a.id < b.id ? -1 : 1)),
      hearts: [...ref.hearts].sort(),
      content: body?.content ?? EMPTY_BODY,
      comments: await readComments(source, commentsRoom(source.journal.id, ref.id)),
    };
  },
  html(entry, _source, options) {
    if (entry.deletedAt !== null) return '';
    const authors = entry.authors.map((a) => escapeHtml(a.name)).join(' &amp; ');
    return `<article class="entry"><h3>${escapeHtml(titleOf(entry.title))}</h3><p class="meta">${escapeHtml(entry.date)}${authors ? ` · ${authors}` : ''} · last changed ${when(entry.updatedAt)}</p>${bodyToHtml(entry.content, options)}${commentsHtml(entry.comments)}</article>`;
  },
  markdown: {
    name: (ref) => ({ date: ref.date, title: titleOf(ref.title), kind: ref.deletedAt === null ? 'entry' : 'deleted-entry' }),
    file: (entry, _source, options) => ({ title: titleOf(entry.title), authors: entry.authors.map((a) => a.name), body: bodyToMarkdown(entry.content, options) }),
  },
});
