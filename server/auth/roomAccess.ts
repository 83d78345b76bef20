import { answerDocument, parseAnswerCommentsKey } from '#shared/documents/answer.js';
import { commentsDocument } from '#shared/documents/comments.js';
import { mayOpen, type ParsedRoom } from '#shared/documents/registry.js';
import { docNameOf, ownedId } from '#shared/documents/roomNames.js';
import type { Storage } from '../storage/Storage.js';

/**
 * The room whose access decides this one's: an answer's comments document is
 * as sealed as the answer (`comments-answer_<day>_<ownerId>`, see
 * `answerCommentsKey`); every other room decides for itself.
 */
export function accessRoomOf(room: ParsedRoom): ParsedRoom {
  if (room.kind !== commentsDocument || room.id === null) return room;
  const answer = parseAnswerCommentsKey(room.id);
  if (!answer) return room;
  // The answer's room id, `<ownerId>.<day>` (see answerRoom).
  return { journalId: room.journalId, kind: answerDocument, id: ownedId(answer.ownerId, answer.day) };
}

/**
 * Whether a member may open a room, with the releases of owned documents
 * looked up: a partner's sealed answer or note for later opens only once its
 * release time has come, and so do the comments on an answer. The one check
 * every way into a document uses (the WebSocket upgrade, the comments API, and
 * any route that would read a document's content).
 */
export async function mayOpenRoom(storage: Storage, asked: ParsedRoom, userId: string, now: number): Promise<boolean> {
  const room = accessRoomOf(asked);
  const answer = mayOpen(room, { userId });
  if (answer !== 'ifReleased') return answer === 'yes';
  const docName = docNameOf(room.kind, room.id ?? undefined);
  const releasedAt = await storage.rituals.releasedAt(room.journalId, docName);
  return releasedAt !== null && releasedAt <= now;
}
