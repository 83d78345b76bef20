import { mayOpen, type ParsedRoom } from '#shared/documents/registry.js';
import type { Storage } from '../storage/Storage.js';

/**
 * Whether a member may open a room, with the releases of owned documents
 * looked up: a partner's sealed answer or note for later opens only once its
 * release time has come. The one check every way into a document uses (the
 * WebSocket upgrade, and any route that would read a document's content).
 */
export async function mayOpenRoom(storage: Storage, room: ParsedRoom, userId: string, now: number): Promise<boolean> {
  const answer = mayOpen(room, { userId });
  if (answer !== 'ifReleased') return answer === 'yes';
  const docName = room.id === null ? room.kind.name : `${room.kind.name}-${room.id}`;
  const releasedAt = await storage.rituals.releasedAt(room.journalId, docName);
  return releasedAt !== null && releasedAt <= now;
}
