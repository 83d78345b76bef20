import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { bucketRoom, ITEM_KEYS, itemsMap } from '#shared/documents/bucket.js';
import { checkinRoom, doneMap, focusText, sectionText, seedCheckin, type CheckinSection } from '#shared/documents/checkin.js';
import { dateNightRoom, isDeckChoice, writeEnd, writeSetup } from '#shared/documents/dateNight.js';
import { draftRoom } from '#shared/documents/draft.js';
import { entryBody, entryTitle } from '#shared/documents/entry.js';
import { mineRoom } from '#shared/documents/mine.js';
import { ritualsRoom, writeCheckinStarted } from '#shared/documents/rituals.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import type { JournalFileData } from './journalFileSchema.js';

/** Writes one server change into a room (Relay.change). */
export type Write = (room: string, change: (doc: Y.Doc) => void) => Promise<void>;
type PersonMap = (id: string) => string;

/** Check-ins as they were: the server's part, each person's sections, the shared focus and done marks. */
export async function writeCheckins(write: Write, journalId: string, checkins: JournalFileData['checkins'], who: PersonMap): Promise<void> {
  for (const checkin of checkins) {
    const week = checkin.week;
    const members = Object.fromEntries(Object.entries(checkin.members).map(([id, name]) => [who(id), name]));
    await write(checkinRoom(journalId, week), (doc) => {
      seedCheckin(doc, { week, startedAt: checkin.startedAt ?? 0, members, carried: checkin.carried });
      for (const [userId, sections] of Object.entries(checkin.sections)) {
        for (const [section, words] of Object.entries(sections)) sectionText(doc, section as CheckinSection, who(userId)).insert(0, words);
      }
      if (checkin.focus) focusText(doc).insert(0, checkin.focus);
      for (const [item, mark] of Object.entries(checkin.done)) doneMap(doc).set(item, { by: who(mark.by), at: mark.at });
    });
    await write(ritualsRoom(journalId), (doc) => writeCheckinStarted(doc, week, checkin.startedAt ?? 0));
  }
}

/** Date nights: setup, turns, notes and end, so the night reads back as it was (its entry comes with the entries). */
export async function writeDateNights(write: Write, journalId: string, nights: JournalFileData['dateNights'], who: PersonMap): Promise<void> {
  for (const night of nights) {
    if (!isDeckChoice(night.setup.category)) continue;
    const category = night.setup.category;
    await write(dateNightRoom(journalId, night.id), (doc) => {
      writeSetup(doc, { ...night.setup, category, startedBy: who(night.setup.startedBy) });
      for (const turn of night.turns) doc.getMap('turns').set(String(turn.n), { by: who(turn.by), at: turn.at });
      for (const note of night.notes) doc.getMap('notes').set(`${note.turn}.${note.id}`, { by: who(note.by), text: note.text, at: note.at });
      if (night.end) writeEnd(doc, { ...night.end, by: who(night.end.by) });
    });
  }
}

/** The importer's own drafts, private to them as before. */
export async function writeDrafts(write: Write, journalId: string, drafts: JournalFileData['drafts'], userId: string): Promise<void> {
  for (const draft of drafts) {
    await write(draftRoom(journalId, userId, draft.id), (doc) => {
      if (draft.title) entryTitle(doc).insert(0, draft.title);
      prosemirrorJSONToYXmlFragment(entrySchema(), draft.content, entryBody(doc));
    });
  }
  if (drafts.length === 0) return;
  await write(mineRoom(journalId, userId), (doc) => {
    for (const draft of drafts) doc.getMap('drafts').set(draft.id, { createdAt: draft.createdAt, sharedAs: draft.sharedAs, title: draft.title });
  });
}

/** The bucket list, every item with its place, ticks and removals. */
export async function writeBucketList(write: Write, journalId: string, items: JournalFileData['bucketList'], who: PersonMap): Promise<void> {
  if (items.length === 0) return;
  await write(bucketRoom(journalId), (doc) => {
    for (const item of items) {
      const map = new Y.Map<unknown>();
      map.set(ITEM_KEYS.text, new Y.Text(item.text));
      map.set(ITEM_KEYS.category, item.category);
      map.set(ITEM_KEYS.position, item.position);
      map.set(ITEM_KEYS.addedBy, who(item.addedBy));
      map.set(ITEM_KEYS.addedAt, item.addedAt);
      map.set(ITEM_KEYS.doneBy, item.doneBy === null ? null : who(item.doneBy));
      map.set(ITEM_KEYS.doneAt, item.doneAt);
      map.set(ITEM_KEYS.memoryEntryId, item.memoryEntryId);
      map.set(ITEM_KEYS.removedBy, item.removedBy === null ? null : who(item.removedBy));
      map.set(ITEM_KEYS.removedAt, item.removedAt);
      itemsMap(doc).set(item.id, map);
    }
  });
}
