import * as Y from 'yjs';
import type { CommentThread, Person } from '../model/comments.js';
import { META_FIELD, readCheckinMeta } from './checkin.js';
import { readThreads, writeThread } from './comments.js';
import { ENTRY_KEYS, entriesMap } from './journalIndex.js';

/**
 * Where a person's name is written into shared documents, and how the server rewrites it when
 * they change it or delete their account ("former member"; docs/design/accounts.md). Everywhere
 * else documents hold user ids, which the app turns into names from the journal's members.
 * Each function writes only what differs and says whether it wrote anything. Server only.
 */

/** The name a deleted account leaves on what it wrote. */
export const FORMER_MEMBER = 'former member';

/** The index: each entry's `authors` map (user id → name). */
export function renameInIndex(doc: Y.Doc, userId: string, name: string): boolean {
  let changed = false;
  for (const entry of entriesMap(doc).values()) {
    if (!(entry instanceof Y.Map)) continue;
    const authors = entry.get(ENTRY_KEYS.authors);
    if (!(authors instanceof Y.Map) || !authors.has(userId) || authors.get(userId) === name) continue;
    authors.set(userId, name);
    changed = true;
  }
  return changed;
}

/** A comments document: each comment's author, who started each thread and who resolved it. */
export function renameInComments(doc: Y.Doc, userId: string, name: string): boolean {
  let changed = false;
  const rename = (person: Person): Person => (person.id === userId && person.name !== name ? { ...person, name } : person);
  for (const before of readThreads(doc).values()) {
    const after: CommentThread = {
      ...before,
      createdBy: rename(before.createdBy),
      resolved: before.resolved ? { ...before.resolved, by: rename(before.resolved.by) } : null,
      comments: before.comments.map((comment) => {
        const author = rename(comment.author);
        return author === comment.author ? comment : { ...comment, author };
      }),
    };
    const differs =
      after.createdBy !== before.createdBy || after.resolved?.by !== before.resolved?.by || after.comments.some((c, i) => c !== before.comments[i]);
    if (!differs) continue;
    writeThread(doc, before, after);
    changed = true;
  }
  return changed;
}

/** A week's check-in: the `members` it was started with (user id → name). */
export function renameInCheckin(doc: Y.Doc, userId: string, name: string): boolean {
  const { members } = readCheckinMeta(doc);
  if (!(userId in members) || members[userId] === name) return false;
  doc.getMap(META_FIELD).set('members', { ...members, [userId]: name });
  return true;
}
