import { answerCommentsKey, answerRoom } from '#shared/documents/answer.js';
import { commentsRoom } from '#shared/documents/comments.js';
import { entryBody } from '#shared/documents/entry.js';
import { readDayStatus, ritualsRoom } from '#shared/documents/rituals.js';
import type { CommentThread } from '#shared/model/comments.js';
import { questionById } from '#shared/rituals/questionLibrary.js';
import { escapeHtml } from '../escapeHtml.js';
import { readComments } from './entries.js';
import { exporter } from '../Exporter.js';
import { nameOf } from '../ExportSource.js';
import { commentsHtml, when } from '../htmlParts.js';
import { fragmentToJson, type PmNode } from '../proseMirrorJson.js';
import { bodyToHtml, bodyToMarkdown } from '../renderBody.js';

interface DayRef {
  day: string;
  revealedAt: number | null;
  /** The answers of the day this person may read: their own always, the partner's once revealed. */
  readable: { by: string; questionId: string; answeredAt: number }[];
}

export interface AnswerDayRecord {
  day: string;
  revealedAt: number | null;
  answers: { by: string; questionId: string; question: string; answeredAt: number; content: PmNode; comments: CommentThread[] }[];
}

const questionText = (id: string) => questionById(id)?.text ?? 'A question from a newer version of Duet';

/**
 * The days' questions and answers. Which answers are in is decided per
 * answer document by `mayRead` (roomAccess.mayOpenRoom): a partner's sealed
 * answer, and the comments on it, are not in this person's archive.
 */
export const answersExporter = exporter<DayRef, AnswerDayRecord>({
  key: 'answers',
  heading: 'Our questions',
  async refs(source) {
    const journalId = source.journal.id;
    const days =
      (await source.read(ritualsRoom(journalId), (doc) => {
        const list: { day: string; revealedAt: number | null; answeredBy: Record<string, number>; questionOf: Record<string, string> }[] = [];
        for (const day of doc.getMap('days').keys()) list.push({ day, ...readDayStatus(doc, day) });
        return list;
      })) ?? [];
    const refs: DayRef[] = [];
    for (const status of days.sort((a, b) => (a.day < b.day ? -1 : 1))) {
      const readable: DayRef['readable'] = [];
      for (const by of Object.keys(status.answeredBy).sort()) {
        if (await source.mayRead(answerRoom(journalId, by, status.day))) {
          readable.push({ by, questionId: status.questionOf[by] ?? '', answeredAt: status.answeredBy[by] });
        }
      }
      if (readable.length > 0) refs.push({ day: status.day, revealedAt: status.revealedAt, readable });
    }
    return refs;
  },
  time: (ref) => Math.max(ref.revealedAt ?? 0, ...ref.readable.map((a) => a.answeredAt)),
  async load(source, ref) {
    const journalId = source.journal.id;
    const answers: AnswerDayRecord['answers'] = [];
    for (const answer of ref.readable) {
      const content = await source.read(answerRoom(journalId, answer.by, ref.day), (doc) => fragmentToJson(entryBody(doc)));
      // Sealed with the answer: mayRead decides for the comments as for the answer.
      const comments = await readComments(source, commentsRoom(journalId, answerCommentsKey(answer.by, ref.day)));
      answers.push({ ...answer, question: questionText(answer.questionId), content: content ?? { type: 'doc', content: [] }, comments });
    }
    return { day: ref.day, revealedAt: ref.revealedAt, answers };
  },
  html(record, source, options) {
    const parts = record.answers.map(
      (a) =>
        `<div class="answer"><p class="question">${escapeHtml(a.question)}</p><p class="meta">${escapeHtml(nameOf(source, a.by))} · ${when(a.answeredAt)}</p>${bodyToHtml(a.content, options)}${commentsHtml(a.comments)}</div>`,
    );
    return `<article class="entry"><h3>${escapeHtml(record.day)}</h3>${parts.join('')}</article>`;
  },
  markdown: {
    name: (ref) => ({ date: ref.day, title: 'Question of the day', kind: 'answers' }),
    file: (record, source, options) => ({
      authors: record.answers.map((a) => nameOf(source, a.by)),
      body: record.answers.map((a) => `## ${a.question}\n\n*${nameOf(source, a.by)}*\n\n${bodyToMarkdown(a.content, options)}`).join('\n\n'),
    }),
  },
});
