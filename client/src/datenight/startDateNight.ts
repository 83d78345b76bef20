import * as Y from 'yjs';
import { dateNightRoom, writeSetup } from '#shared/documents/dateNight.js';
import { readCardsSeen } from '#shared/documents/dateNightLog.js';
import { newId } from '#shared/model/ids.js';
import { buildDeck, type DeckChoice } from '#shared/rituals/dateNightDeck.js';
import { QUESTIONS } from '#shared/rituals/questionLibrary.js';
import type { RoomRegistry } from '../sync/RoomRegistry';

/**
 * Starts a date night on this device, online or not: a new night id, and its
 * setup written into the night's document once this device's copy is open.
 * The id is new, so no other device can be seeding the same document. The
 * deck puts the cards the couple talked about on earlier nights last, as the
 * rituals document (this device's copy of it) records them.
 */
export async function startDateNight(
  rooms: RoomRegistry,
  journalId: string,
  userId: string,
  category: DeckChoice,
  rituals: Y.Doc | null,
): Promise<string> {
  const nightId = newId();
  const name = dateNightRoom(journalId, nightId);
  const room = rooms.acquire(name, { presence: false });
  try {
    await room.local.loaded;
    const seen = rituals ? readCardsSeen(rituals) : new Map<string, number>();
    writeSetup(room.doc, { category, deck: buildDeck(nightId, category, QUESTIONS, seen), startedBy: userId, startedAt: Date.now() });
  } finally {
    // The night's page takes the room over within the grace period, so the socket stays.
    rooms.release(name, { presence: false });
  }
  return nightId;
}
