import type * as Y from 'yjs';
import type { SearchLink } from '#shared/api/searchTypes.js';
import { answerDocument, answerDocName, parseAnswerCommentsKey } from '#shared/documents/answer.js';
import { commentKey, commentsDocument, readThreads } from '#shared/documents/comments.js';
import { entryBody, entryDocument, entryTitle } from '#shared/documents/entry.js';
import { NOTE_TEXT_FIELD, noteDocument } from '#shared/documents/note.js';
import { fragmentPlainText } from '#shared/documents/plainText.js';
import type { ParsedRoom } from '#shared/documents/registry.js';
import { docNameOf, splitOwnedId } from '#shared/documents/roomNames.js';
import type { IndexedRow } from '../storage/SearchIndex.js';

/** The most of one document's text that is searchable: a long book. Past it, words are not found. */
export const MAX_INDEXED_CHARS = 1_000_000;

/** What a document alone does not say, looked up by the indexer for its journal. */
export interface RowFacts {
  /** The couple's calendar day at `instant`. */
  dayOf(instant: number): string;
  /** A member's name as the journal knows it now ('' for someone no longer in it). */
  nameOf(userId: string): string;
  /** The question an owner answered on a day, as its text ('' when not yet recorded). */
  questionOf(ownerId: string, day: string): string;
  /** When a note was delivered or is to be; null for a note not yet sent. */
  noteTime(noteId: string): number | null;
  now: number;
}

const link = (value: SearchLink) => JSON.stringify(value);

/**
 * The searchable rows of one stored document: an entry gives its title and
 * words; an answer its words under the day's question; a note its words;
 * a comments document one row per comment still standing. Any other kind
 * (the index, rituals, drafts, `mine`, check-ins, date nights) gives none:
 * drafts and `mine` are never searchable, whatever asks.
 */
export function documentRows(room: ParsedRoom, name: string, doc: Y.Doc, facts: RowFacts): IndexedRow[] {
  const { journalId, kind, id } = room;
  if (id === null) return [];
  const base = { journalId, doc: name, part: '' };
  if (kind === entryDocument) {
    const title = entryTitle(doc).toString();
    const body = fragmentPlainText(entryBody(doc), MAX_INDEXED_CHARS);
    if (title.trim() === '' && body === '') return [];
    // Day, time and authors come from the journal's index (SearchIndex.writeEntries); these stand in until it is read.
    return [{ ...base, kind: 'entry', entryId: id, link: link({ to: 'entry', entryId: id }), authors: [], ownerId: null, accessDoc: null, day: facts.dayOf(facts.now), at: facts.now, title, body }];
  }
  if (kind === answerDocument || kind === noteDocument) {
    const owned = splitOwnedId(id);
    if (!owned) return [];
    const authors = [{ id: owned.ownerId, name: facts.nameOf(owned.ownerId) }];
    const sealed = { ownerId: owned.ownerId, accessDoc: docNameOf(kind, id), entryId: null, authors };
    if (kind === answerDocument) {
      const body = fragmentPlainText(entryBody(doc), MAX_INDEXED_CHARS);
      if (body === '') return [];
      const day = owned.key;
      const title = facts.questionOf(owned.ownerId, day);
      return [{ ...base, ...sealed, kind: 'answer', link: link({ to: 'answer', day, ownerId: owned.ownerId }), day, at: 0, title, body }];
    }
    const body = doc.getText(NOTE_TEXT_FIELD).toString().slice(0, MAX_INDEXED_CHARS);
    if (body.trim() === '') return [];
    const at = facts.noteTime(owned.key) ?? facts.now;
    return [{ ...base, ...sealed, kind: 'note', link: link({ to: 'note', noteId: owned.key, writerId: owned.ownerId }), day: facts.dayOf(at), at, title: '', body }];
  }
  if (kind === commentsDocument) return commentRows(journalId, name, id, doc, facts);
  return [];
}

/** One row per comment with words; an answer's comments are sealed with the answer (as mayOpenRoom judges them). */
function commentRows(journalId: string, name: string, key: string, doc: Y.Doc, facts: RowFacts): IndexedRow[] {
  const answer = parseAnswerCommentsKey(key);
  const rows: IndexedRow[] = [];
  for (const thread of readThreads(doc).values()) {
    for (const comment of thread.comments) {
      if (comment.deletedAt !== null || comment.text.trim() === '') continue;
      const where: SearchLink = answer
        ? { to: 'answer', day: answer.day, ownerId: answer.ownerId, threadId: thread.id }
        : { to: 'entry', entryId: key, threadId: thread.id };
      rows.push({
        journalId,
        doc: name,
        part: commentKey(thread.id, comment.id),
        kind: 'comment',
        entryId: answer ? null : key,
        link: link(where),
        authors: [{ id: comment.author.id, name: comment.author.name }],
        ownerId: answer ? answer.ownerId : null,
        accessDoc: answer ? answerDocName(answer.ownerId, answer.day) : null,
        day: facts.dayOf(comment.createdAt),
        at: comment.createdAt,
        title: thread.quote,
        body: comment.text,
      });
    }
  }
  return rows;
}
