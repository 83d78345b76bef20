import type * as Y from 'yjs';
import type { DeckChoice } from '../rituals/dateNightDeck.js';
import { isDeckChoice } from './dateNight.js';

/**
 * What the journal's rituals document (`rituals.ts`, written only by the
 * server) holds about date nights, in two flat maps of its own:
 *
 *   dateNights: night id -> OpenNight, while a night is open, so the partner's
 *               journal page can offer "join"; removed when the night ends.
 *   cardsSeen:  question id -> when a night that showed it ended. A new night's
 *               deck puts these last, oldest first (`buildDeck`), so earlier
 *               evenings count: the couple meets new cards until the deck is used
 *               up. One record per question, so it never grows past the library.
 */
const DATE_NIGHTS = 'dateNights';
const CARDS_SEEN = 'cardsSeen';

export interface OpenNight {
  nightId: string;
  category: DeckChoice;
  startedBy: string;
  startedAt: number;
}

/** The nights open now, newest first. */
export function readOpenNights(rituals: Y.Doc): OpenNight[] {
  const nights: OpenNight[] = [];
  for (const [nightId, value] of rituals.getMap<unknown>(DATE_NIGHTS).entries()) {
    if (typeof value !== 'object' || value === null) continue;
    const { category, startedBy, startedAt } = value as Record<string, unknown>;
    if (!isDeckChoice(category) || typeof startedBy !== 'string' || typeof startedAt !== 'number') continue;
    nights.push({ nightId, category, startedBy, startedAt });
  }
  return nights.sort((a, b) => b.startedAt - a.startedAt);
}

export function isNightOpen(rituals: Y.Doc, nightId: string): boolean {
  return rituals.getMap<unknown>(DATE_NIGHTS).has(nightId);
}

export function writeOpenNight(rituals: Y.Doc, night: OpenNight): void {
  const map = rituals.getMap<unknown>(DATE_NIGHTS);
  if (!map.has(night.nightId)) map.set(night.nightId, { category: night.category, startedBy: night.startedBy, startedAt: night.startedAt });
}

export function closeNight(rituals: Y.Doc, nightId: string): void {
  const map = rituals.getMap<unknown>(DATE_NIGHTS);
  if (map.has(nightId)) map.delete(nightId);
}

/** Question id -> when it was last talked about on a date night. */
export function readCardsSeen(rituals: Y.Doc): Map<string, number> {
  const seen = new Map<string, number>();
  for (const [id, at] of rituals.getMap<unknown>(CARDS_SEEN).entries()) if (typeof at === 'number') seen.set(id, at);
  return seen;
}

export function markCardsSeen(rituals: Y.Doc, questionIds: Iterable<string>, at: number): void {
  const map = rituals.getMap<unknown>(CARDS_SEEN);
  for (const id of new Set(questionIds)) if (map.get(id) !== at) map.set(id, at);
}
