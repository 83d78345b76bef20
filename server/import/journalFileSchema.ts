import * as v from 'valibot';
import { isValidId } from '#shared/model/ids.js';
import { isIsoWeek, isLocalDay } from '#shared/rituals/calendar.js';
import { BUCKET_CATEGORIES } from '#shared/documents/bucket.js';
import { JOURNAL_FILE_FORMAT, JOURNAL_FILE_VERSION } from '../export/journalJson.js';

/**
 * journal.json as import reads it (the layout the export writes,
 * docs/design/export.md). Every message names what is wrong, for a person
 * who picked the wrong file or edited it by hand. Content bodies are checked
 * against the entry schema separately (they are ProseMirror JSON).
 */
const id = (what: string) => v.pipe(v.string(`${what} must be an id.`), v.check(isValidId, `${what} must be an id of 8 to 64 letters, digits, _ or -.`));
const time = (what: string) => v.pipe(v.number(`${what} must be a time in milliseconds.`), v.safeInteger(`${what} must be a whole number.`), v.minValue(0, `${what} must not be negative.`));
const text = (what: string, max: number) => v.pipe(v.string(`${what} must be text.`), v.maxLength(max, `${what} must be at most ${max} characters.`));
const day = (what: string) => v.pipe(v.string(`${what} must be a day (YYYY-MM-DD).`), v.check((s: string) => isLocalDay(s), `${what} must be a day (YYYY-MM-DD).`));
const body = v.looseObject({ type: v.literal('doc', 'A body must be a ProseMirror document ({"type": "doc", …}).') });
const person = v.object({ id: v.string('A person needs an id.'), name: text('A name', 200) });

const comment = v.object({
  id: id('A comment id'),
  author: person,
  text: text('A comment', 5_000),
  createdAt: time('A comment time'),
  editedAt: v.nullable(time('editedAt')),
  deletedAt: v.nullable(time('deletedAt')),
  reactions: v.record(v.string(), v.array(v.string())),
});

const thread = v.object({
  id: id('A thread id'),
  entryId: v.string(),
  quote: text('A quote', 1_000),
  anchorVersion: v.nullish(v.object({ client: v.number(), clock: v.number() })),
  createdBy: person,
  createdAt: time('A thread time'),
  resolved: v.nullable(v.object({ by: person, at: time('resolved.at') })),
  comments: v.pipe(v.array(comment), v.maxLength(500, 'A thread holds at most 500 comments.')),
});

export const EntryFile = v.object({
  id: id('An entry id'),
  date: day('An entry date'),
  title: text('An entry title', 1_000),
  createdAt: time('createdAt'),
  createdBy: v.string(),
  updatedAt: time('updatedAt'),
  deletedAt: v.nullable(time('deletedAt')),
  authors: v.array(person),
  hearts: v.array(v.string()),
  content: body,
  comments: v.array(thread),
});

const answer = v.object({
  by: id('An answer’s writer'),
  questionId: v.string(),
  question: v.string(),
  answeredAt: time('answeredAt'),
  content: body,
  comments: v.array(thread),
});

export const AnswerDayFile = v.object({ day: day('An answer day'), revealedAt: v.nullable(time('revealedAt')), answers: v.array(answer) });

export const NoteFile = v.object({
  id: id('A note id'),
  from: id('A note’s writer'),
  emoji: text('A note’s emoji', 16),
  deliverAt: time('deliverAt'),
  deliveredAt: v.nullable(time('deliveredAt')),
  text: text('A note', 2_000),
});

export const CheckinFile = v.object({
  week: v.pipe(v.string(), v.check((s: string) => isIsoWeek(s), 'A check-in week must be like 2024-W05.')),
  startedAt: v.nullable(time('startedAt')),
  members: v.record(v.string(), v.string()),
  carried: v.array(v.object({ id: v.string(), text: v.string() })),
  sections: v.record(v.string(), v.record(v.string(), text('A check-in answer', 20_000))),
  focus: text('The thing to work on', 20_000),
  done: v.record(v.string(), v.object({ by: v.string(), at: time('done.at') })),
});

export const DateNightFile = v.object({
  id: id('A date night id'),
  setup: v.object({ category: v.string(), deck: v.array(v.string()), startedBy: v.string(), startedAt: time('startedAt') }),
  turns: v.array(v.object({ n: v.number(), by: v.string(), at: time('turn time') })),
  notes: v.array(v.object({ id: id('A date night note id'), turn: v.number(), by: v.string(), text: text('A date night note', 2_000), at: time('note time') })),
  end: v.nullable(
    v.object({ at: time('end.at'), by: v.string(), entryId: v.string(), throughTurn: v.number(), notes: v.record(v.string(), v.number()) }),
  ),
});

export const DraftFile = v.object({ id: id('A draft id'), createdAt: time('createdAt'), sharedAs: v.nullable(v.string()), title: text('A draft title', 1_000), content: body });

export const BucketItemFile = v.object({
  id: id('A bucket list item id'),
  text: text('A bucket list item', 1_000),
  category: v.picklist(BUCKET_CATEGORIES, 'A bucket list category is travel, food, adventures or small.'),
  position: v.string(),
  addedBy: v.string(),
  addedAt: time('addedAt'),
  doneBy: v.nullable(v.string()),
  doneAt: v.nullable(time('doneAt')),
  memoryEntryId: v.nullable(v.string()),
  removedBy: v.nullable(v.string()),
  removedAt: v.nullable(time('removedAt')),
});

/** Limits of one import, bounding what one request can make the server write. */
export const MAX_IMPORT_ITEMS = 20_000;
const list = <T extends v.GenericSchema>(item: T, what: string) =>
  v.optional(v.pipe(v.array(item, `${what} must be a list.`), v.maxLength(MAX_IMPORT_ITEMS, `At most ${MAX_IMPORT_ITEMS} ${what} can be imported at once.`)), []);

export const JournalFile = v.object({
  format: v.literal(JOURNAL_FILE_FORMAT, 'This is not a Duet journal.json file (its "format" is not "duet-journal").'),
  version: v.literal(JOURNAL_FILE_VERSION, `This journal.json was made by another version of Duet (this one reads version ${JOURNAL_FILE_VERSION}).`),
  journal: v.object({ title: v.pipe(v.string('The journal needs a title.'), v.trim(), v.nonEmpty('The journal needs a title.'), v.maxLength(120, 'The journal title must be at most 120 characters.')), createdAt: time('journal.createdAt') }),
  exportedBy: v.string('exportedBy must be the id of the person who exported it.'),
  people: v.array(person),
  entries: list(EntryFile, 'entries'),
  answers: list(AnswerDayFile, 'answer days'),
  notes: list(NoteFile, 'notes'),
  checkins: list(CheckinFile, 'check-ins'),
  dateNights: list(DateNightFile, 'date nights'),
  drafts: list(DraftFile, 'drafts'),
  bucketList: list(BucketItemFile, 'bucket list items'),
  photos: v.optional(v.array(v.unknown()), []),
});

export type JournalFileData = v.InferOutput<typeof JournalFile>;
