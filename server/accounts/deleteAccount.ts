import { answerCommentsKey, answerDocument } from '#shared/documents/answer.js';
import { commentsRoom } from '#shared/documents/comments.js';
import { draftDocument } from '#shared/documents/draft.js';
import { mineRoom } from '#shared/documents/mine.js';
import { noteDocument } from '#shared/documents/note.js';
import { FORMER_MEMBER } from '#shared/documents/personName.js';
import { ritualsRoom } from '#shared/documents/rituals.js';
import { forgetSealedAnswers } from '#shared/documents/sealedAnswerMarks.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { Relay } from '../relay/Relay.js';
import type { Storage } from '../storage/Storage.js';
import { writeNameInJournal } from './writeNameEverywhere.js';

export interface AccountDeletionDeps {
  storage: Storage;
  relay: Relay;
  now: () => number;
}

/**
 * Deletes an account (docs/design/accounts.md, "Deleting an account"): its sessions end and their
 * sockets close, its private documents are unloaded and removed, its name on what it shared becomes
 * "former member" (compacted, so the name leaves the history), and the account's rows go, in one
 * transaction. The journals stay with the partner; one nobody else is in goes with it.
 */
export async function deleteAccount(deps: AccountDeletionDeps, userId: string): Promise<void> {
  const { storage, relay } = deps;
  // First, so no socket of theirs can open again while the rest happens.
  await storage.endSessionsOf(userId, null);
  relay.disconnectWhere((peer) => peer.userId === userId, CloseCode.Unauthorized, 'account deleted');

  const docs: string[] = [];
  const lone: string[] = [];
  const shared: string[] = [];
  for (const journal of await storage.listJournalsOf(userId)) {
    const members = await storage.listMembers(journal.id);
    if (members.every((member) => member.userId === userId)) lone.push(journal.id);
    else {
      shared.push(journal.id);
      docs.push(...(await privateDocuments(deps, journal.id, userId)));
    }
  }
  const removed = new Set(docs);
  await relay.unloadWhere((room) => removed.has(room) || lone.some((id) => room.startsWith(`${id}/`)), CloseCode.Unauthorized, 'account deleted');
  for (const journalId of shared) {
    await writeNameInJournal({ storage, relay }, journalId, userId, FORMER_MEMBER, true);
    // Their sealed answers go below: the partner stops waiting for them.
    await relay.change(ritualsRoom(journalId), (doc) => forgetSealedAnswers(doc, userId));
  }
  await storage.deleteAccount({ userId, docs, journals: lone });
}

/**
 * What only this person ever had in a journal they share: their drafts, their `mine` document,
 * answers not yet revealed (with any comments document) and notes not yet delivered.
 */
async function privateDocuments({ storage, now }: AccountDeletionDeps, journalId: string, userId: string): Promise<string[]> {
  const owned = (kind: { name: string }) => `${journalId}/${kind.name}-${userId}.`;
  const docs = [mineRoom(journalId, userId), ...(await storage.listDocs(owned(draftDocument)))];
  const at = now();
  const sealed = async (room: string) => {
    const releasedAt = await storage.rituals.releasedAt(journalId, room.slice(journalId.length + 1));
    return releasedAt === null || releasedAt > at;
  };
  for (const room of await storage.listDocs(owned(answerDocument))) {
    if (!(await sealed(room))) continue;
    docs.push(room);
    const day = room.slice(owned(answerDocument).length);
    docs.push(commentsRoom(journalId, answerCommentsKey(userId, day)));
  }
  for (const room of await storage.listDocs(owned(noteDocument))) if (await sealed(room)) docs.push(room);
  return docs;
}
