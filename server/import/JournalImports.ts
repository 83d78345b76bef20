import type { IncomingMessage } from 'node:http';
import { Node } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as v from 'valibot';
import * as Y from 'yjs';
import { answerCommentsKey, answerDocName, answerRoom } from '#shared/documents/answer.js';
import { commentsRoom, writeThread } from '#shared/documents/comments.js';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { ENTRY_KEYS, entriesMap, indexRoom, PREVIEW_CHARS, setHeart } from '#shared/documents/journalIndex.js';
import { NOTE_TEXT_FIELD, noteDocName, noteRoom } from '#shared/documents/note.js';
import { fragmentPlainText } from '#shared/documents/plainText.js';
import { ritualsRoom, writeDayStatus, writeDeliveredNote } from '#shared/documents/rituals.js';
import { newId } from '#shared/model/ids.js';
import type { CommentThread } from '#shared/model/comments.js';
import { MAX_JOURNALS_PER_ACCOUNT } from '#shared/model/quotas.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import type { AppContext } from '../AppContext.js';
import { HttpError } from '../http/HttpError.js';
import type { Journal, User } from '../storage/AccountStore.js';
import { type JournalFileData, JournalFile } from './journalFileSchema.js';
import { readImportBody } from './readImportBody.js';
import { writeBucketList, writeCheckins, writeDateNights, writeDrafts } from './writeRituals.js';

/** Maps the exporter's id to the importer's; everyone else keeps theirs (docs/design/export.md, "Import"). */
export type PersonMap = (id: string) => string;

type Thread = JournalFileData['entries'][number]['comments'][number];

/**
 * Import: a journal.json becomes a new journal owned by the importer, every
 * record written as server documents through the relay (the one write
 * pipeline, with quotas). The whole file is checked before anything is made,
 * so a bad file creates nothing.
 */
export class JournalImports {
  constructor(private readonly app: AppContext) {}

  async importFrom(req: IncomingMessage, user: User): Promise<Journal> {
    const body = await readImportBody(req);
    if (typeof body !== 'object' || body === null || (body as { format?: unknown }).format !== 'duet-journal') {
      throw new HttpError(400, 'invalid_input', 'This is not a Duet journal.json file. Choose the journal.json from inside a Duet download.');
    }
    const parsed = v.safeParse(JournalFile, body);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue.path?.map((p) => p.key).join('.') ?? '';
      throw new HttpError(400, 'invalid_input', `${issue.message}${where ? ` (at ${where})` : ''}`);
    }
    const file = parsed.output;
    checkBodies(file);
    if ((await this.app.storage.countJournalsStartedBy(user.id)) >= MAX_JOURNALS_PER_ACCOUNT) {
      throw new HttpError(409, 'journal_limit', `You have started ${MAX_JOURNALS_PER_ACCOUNT} journals, the most one account can start. Leave one you no longer use first.`);
    }
    const journal: Journal = { id: newId(), title: file.journal.title, ownerId: user.id, maxMembers: 2, createdAt: this.app.now() };
    await this.app.storage.createJournal(journal);
    // Only the person importing is someone this server knows to be who the file says. Every other id
    // in it gets a fresh one, the same for the whole file, so nobody's words can be put under a real
    // account (an edited file could otherwise sign entries or notes with an ex-partner's id).
    const others = new Map<string, string>();
    const who: PersonMap = (id) => {
      if (id === file.exportedBy) return user.id;
      let fresh = others.get(id);
      if (!fresh) others.set(id, (fresh = newId()));
      return fresh;
    };
    await this.writeEntries(journal.id, file, who);
    await this.writeAnswers(journal.id, file, who);
    await this.writeNotes(journal.id, file, who);
    const write = (room: string, change: (doc: Y.Doc) => void) => this.app.relay.change(room, change);
    await writeCheckins(write, journal.id, file.checkins, who);
    await writeDateNights(write, journal.id, file.dateNights, who);
    await writeDrafts(write, journal.id, file.drafts, user.id);
    await writeBucketList(write, journal.id, file.bucketList, who);
    return journal;
  }

  private async writeEntries(journalId: string, file: JournalFileData, who: PersonMap): Promise<void> {
    const { relay } = this.app;
    for (const entry of file.entries) {
      let preview = '';
      await relay.change(entryRoom(journalId, entry.id), (doc) => {
        if (entry.title) entryTitle(doc).insert(0, entry.title);
        prosemirrorJSONToYXmlFragment(entrySchema(), entry.content, entryBody(doc));
        preview = fragmentPlainText(entryBody(doc), PREVIEW_CHARS);
      });
      if (entry.comments.length > 0) await relay.change(commentsRoom(journalId, entry.id), (doc) => writeThreads(doc, entry.comments, who));
      await relay.change(indexRoom(journalId), (doc) => {
        const record = new Y.Map<unknown>();
        const authors = new Y.Map<string>();
        for (const author of entry.authors) authors.set(who(author.id), author.name);
        record.set(ENTRY_KEYS.id, entry.id);
        record.set(ENTRY_KEYS.title, entry.title);
        record.set(ENTRY_KEYS.preview, preview);
        record.set(ENTRY_KEYS.date, entry.date);
        record.set(ENTRY_KEYS.createdAt, entry.createdAt);
        record.set(ENTRY_KEYS.createdBy, who(entry.createdBy));
        record.set(ENTRY_KEYS.updatedAt, entry.updatedAt);
        record.set(ENTRY_KEYS.authors, authors);
        record.set(ENTRY_KEYS.deletedAt, entry.deletedAt);
        entriesMap(doc).set(entry.id, record);
        for (const heart of entry.hearts) setHeart(doc, entry.id, who(heart), true, entry.updatedAt);
      });
    }
  }

  /** Both answers of a day are released at once, as on the day itself; a day with only one answer stays sealed to nobody but its writer. */
  private async writeAnswers(journalId: string, file: JournalFileData, who: PersonMap): Promise<void> {
    const { relay, storage, now } = this.app;
    for (const day of file.answers) {
      const answeredBy: Record<string, number> = {};
      const questionOf: Record<string, string> = {};
      for (const answer of day.answers) {
        const by = who(answer.by);
        answeredBy[by] = answer.answeredAt;
        questionOf[by] = answer.questionId;
        await relay.change(answerRoom(journalId, by, day.day), (doc) => void prosemirrorJSONToYXmlFragment(entrySchema(), answer.content, entryBody(doc)));
        if (answer.comments.length > 0) await relay.change(commentsRoom(journalId, answerCommentsKey(by, day.day)), (doc) => writeThreads(doc, answer.comments, who));
        if (day.revealedAt !== null) await storage.rituals.release(journalId, answerDocName(by, day.day), day.revealedAt, now());
      }
      await relay.change(ritualsRoom(journalId), (doc) => writeDayStatus(doc, day.day, { answeredBy, questionOf, revealedAt: day.revealedAt }));
    }
  }

  /** Delivered notes as they were delivered; one of the importer's own still waiting is scheduled again for its time. */
  private async writeNotes(journalId: string, file: JournalFileData, who: PersonMap): Promise<void> {
    const { relay, storage, now } = this.app;
    for (const note of file.notes) {
      // A note still waiting is scheduled again only if it is the importer's own: nobody else's note is sent in their name.
      if (note.deliveredAt === null && note.from !== file.exportedBy) continue;
      const from = who(note.from);
      await relay.change(noteRoom(journalId, from, note.id), (doc) => doc.getText(NOTE_TEXT_FIELD).insert(0, note.text));
      const deliverAt = note.deliveredAt === null ? Math.max(note.deliverAt, now()) : note.deliverAt;
      await storage.rituals.scheduleNote({ journalId, noteId: note.id, fromUser: from, emoji: note.emoji, deliverAt, docName: noteDocName(from, note.id), now: Math.min(now(), deliverAt) });
      if (note.deliveredAt !== null) {
        await storage.rituals.markDelivered(journalId, note.id, note.deliveredAt);
        await relay.change(ritualsRoom(journalId), (doc) => writeDeliveredNote(doc, { id: note.id, from, emoji: note.emoji, deliveredAt: note.deliveredAt!, text: note.text }));
      }
    }
  }
}

function writeThreads(doc: Y.Doc, threads: readonly Thread[], who: PersonMap): void {
  const person = (p: { id: string; name: string }) => ({ id: who(p.id), name: p.name });
  for (const thread of threads) {
    const mapped: CommentThread = {
      ...thread,
      anchorVersion: thread.anchorVersion ?? null,
      createdBy: person(thread.createdBy),
      resolved: thread.resolved ? { by: person(thread.resolved.by), at: thread.resolved.at } : null,
      comments: thread.comments.map((c) => ({ ...c, author: person(c.author), reactions: Object.fromEntries(Object.entries(c.reactions).map(([e, ids]) => [e, ids.map(who)])) })),
    };
    writeThread(doc, null, mapped);
  }
}

/** Every body must be one the editor's schema reads; checked before anything is written. */
function checkBodies(file: JournalFileData): void {
  const schema = entrySchema();
  const check = (content: unknown, what: string) => {
    try {
      Node.fromJSON(schema, content).check();
    } catch {
      throw new HttpError(400, 'invalid_content', `The text of ${what} is not in a form Duet can read.`);
    }
  };
  for (const entry of file.entries) check(entry.content, `the entry “${entry.title || entry.id}”`);
  for (const day of file.answers) for (const answer of day.answers) check(answer.content, `an answer of ${day.day}`);
  for (const draft of file.drafts) check(draft.content, `the draft “${draft.title || draft.id}”`);
}
