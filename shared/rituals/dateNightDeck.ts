import type { Question, QuestionCategory } from './questionLibrary.js';
import { seededRandom, seedFrom } from './seededRandom.js';

/**
 * The date night deck: which card a night shows at each turn, computed the
 * same way on every device (docs/design/rituals.md, "Date nights").
 *
 * A night's deck is fixed once, when it starts, and stored in the night's
 * document: every question of the chosen category (or of all of them for
 * "mixed"), the ones the couple has never talked about first, then those
 * talked about longest ago; within each group the order is a shuffle seeded
 * by the night's id. The card at turn `n` is `deck[n]`; past the end the deck
 * is shuffled again (seeded by the night and the round), so nothing repeats
 * until the whole deck is used up. Because the order is in the document, two
 * devices never disagree about a card, even if one runs an older library.
 */

/** The seven categories of the library, or all of them at once. */
export type DeckChoice = QuestionCategory | 'mixed';

export const MIXED = 'mixed';

/** Fisher–Yates with a seeded generator: the same order on every device for the same seed. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const random = seededRandom(seedFrom(seed));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The deck for a night that starts now: question ids, never-discussed first,
 * then least recently discussed. `lastTalkedAbout` maps a question id to when
 * a night that showed it ended (the couple's history, kept by the server).
 */
export function buildDeck(
  nightId: string,
  choice: DeckChoice,
  library: readonly Question[],
  lastTalkedAbout: ReadonlyMap<string, number>,
): string[] {
  const pool = library.filter((q) => choice === MIXED || q.category === choice).map((q) => q.id);
  // Shuffle first, then a stable sort by when each was last seen: ties keep the shuffled order.
  const shuffled = seededShuffle(pool, `${nightId}:deck`);
  const seenAt = (id: string) => lastTalkedAbout.get(id) ?? -1;
  return shuffled.sort((a, b) => seenAt(a) - seenAt(b));
}

/**
 * The order of round `round` (≥ 1), given the round before it. It starts with
 * a different card from the one the previous round ended on, so "next" never
 * shows the same card twice in a row.
 */
function nextRound(deck: readonly string[], nightId: string, round: number, previous: readonly string[]): string[] {
  const next = seededShuffle(deck, `${nightId}:round:${round}`);
  if (next.length > 1 && next[0] === previous[previous.length - 1]) [next[0], next[1]] = [next[1], next[0]];
  return next;
}

/** The cards from the first through `turn`, in order (what the couple has seen so far). */
export function cardsThrough(deck: readonly string[], nightId: string, turn: number): string[] {
  const cards: string[] = [];
  if (deck.length === 0 || !Number.isInteger(turn)) return cards;
  let order: readonly string[] = deck;
  for (let t = 0; t <= turn; t++) {
    const round = Math.floor(t / deck.length);
    if (round > 0 && t % deck.length === 0) order = nextRound(deck, nightId, round, order);
    cards.push(order[t % deck.length]);
  }
  return cards;
}

/** The question id shown at `turn` (0 is the first card), or null for an empty deck. */
export function cardAt(deck: readonly string[], nightId: string, turn: number): string | null {
  if (deck.length === 0 || !Number.isInteger(turn) || turn < 0) return null;
  if (turn < deck.length) return deck[turn];
  return cardsThrough(deck, nightId, turn)[turn];
}
