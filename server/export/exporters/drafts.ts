import { draftRoom } from '#shared/documents/draft.js';
import { entryBody, entryTitle } from '#shared/documents/entry.js';
import { type DraftRecord, mineRoom, readDrafts } from '#shared/documents/mine.js';
import { escapeHtml } from '../escapeHtml.js';
import { exporter } from '../Exporter.js';
import { fragmentToJson, type PmNode } from '../proseMirrorJson.js';
import { bodyToHtml, bodyToMarkdown } from '../renderBody.js';
import { titleOf } from './entries.js';

export interface DraftExport {
  id: string;
  createdAt: number;
  sharedAs: string | null;
  title: string;
  content: PmNode;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The person's own quiet drafts (never anyone else's: `mine` and drafts open only to their writer). */
export const draftsExporter = exporter<DraftRecord, DraftExport>({
  key: 'drafts',
  heading: 'My private drafts',
  async refs(source) {
    const drafts = (await source.read(mineRoom(source.journal.id, source.userId), readDrafts)) ?? [];
    return drafts.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  },
  time: (ref) => ref.createdAt,
  async load(source, ref) {
    const body = await source.read(draftRoom(source.journal.id, source.userId, ref.id), (doc) => ({
      title: entryTitle(doc).toString(),
      content: fragmentToJson(entryBody(doc)),
    }));
    return { id: ref.id, createdAt: ref.createdAt, sharedAs: ref.sharedAs, title: body?.title ?? ref.title, content: body?.content ?? { type: 'doc', content: [] } };
  },
  html: (draft, _source, options) =>
    `<article class="entry"><h3>${escapeHtml(titleOf(draft.title))}</h3><p class="meta">A private draft, started ${escapeHtml(dayOf(draft.createdAt))}</p>${bodyToHtml(draft.content, options)}</article>`,
  markdown: {
    name: (ref) => ({ date: dayOf(ref.createdAt), title: titleOf(ref.title), kind: 'draft' }),
    file: (draft, source, options) => ({ title: titleOf(draft.title), authors: [source.people.get(source.userId) ?? ''], body: bodyToMarkdown(draft.content, options) }),
  },
});
