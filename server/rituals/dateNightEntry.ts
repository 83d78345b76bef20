import * as Y from 'yjs';
import { entryBody, entryTitle } from '#shared/documents/entry.js';
import { paragraph } from '#shared/documents/entryBlocks.js';
import { deckTitle, type NightNote, type NightSetup } from '#shared/documents/dateNight.js';
import { questionById } from '#shared/rituals/questionLibrary.js';

/**
 * The timeline entry the server writes from a date night: one heading per
 * card talked about, and under it what each of you wrote, with your name. It
 * is an ordinary entry afterwards (both can edit it and comment on it), so
 * the server only ever appends to it.
 *
 * Written as the editor's own Yjs structure (shared/documents/entryBlocks.ts).
 */

export interface NightCard {
  turn: number;
  questionId: string;
}

function heading(words: string, level: 2 | 3): Y.XmlElement {
  // The editor's heading keeps its level as a number; Yjs types attributes as strings but stores any value.
  const element = new Y.XmlElement<{ level: number }>('heading');
  element.setAttribute('level', level);
  element.insert(0, [new Y.XmlText(words)]);
  return element as unknown as Y.XmlElement;
}

const cardText = (questionId: string) => questionById(questionId)?.text ?? 'A card from a newer version of Duet';

function cardBlocks(cards: readonly NightCard[], notes: readonly NightNote[], nameOf: (userId: string) => string): Y.XmlElement[] {
  const blocks: Y.XmlElement[] = [];
  for (const card of cards) {
    blocks.push(heading(cardText(card.questionId), 3));
    for (const note of notes.filter((n) => n.turn === card.turn)) {
      blocks.push(paragraph([{ text: `${nameOf(note.by)}: `, bold: true }, { text: note.text }]));
    }
  }
  return blocks;
}

export function nightTitle(setup: NightSetup): string {
  return `Date night: ${deckTitle(setup.category)}`;
}

/** Writes the entry of a night that has just ended into an entry document that is still empty. */
export function writeNightEntry(doc: Y.Doc, setup: NightSetup, cards: readonly NightCard[], notes: readonly NightNote[], nameOf: (userId: string) => string): void {
  doc.transact(() => {
    const title = entryTitle(doc);
    if (title.length === 0) title.insert(0, nightTitle(setup));
    const count = cards.length === 1 ? 'one card' : `${cards.length} cards`;
    const written = notes.length === 0 ? ' Nothing was written down; the talking was the point.' : '';
    entryBody(doc).push([
      paragraph([{ text: `An evening with the “${deckTitle(setup.category)}” deck: ${count} between us.${written}` }]),
      ...cardBlocks(cards, notes, nameOf),
    ]);
  });
}

/**
 * Appends what reached the server after the night ended (a device that was
 * offline drew more cards or wrote more): new cards with their notes, and new
 * or rewritten notes under cards the entry already lists.
 */
export function appendLateWork(
  doc: Y.Doc,
  newCards: readonly NightCard[],
  lateNotes: readonly NightNote[],
  earlierCards: readonly NightCard[],
  nameOf: (userId: string) => string,
): void {
  const blocks: Y.XmlElement[] = [heading('Added after the evening', 2)];
  const onEarlier = lateNotes.filter((note) => earlierCards.some((card) => card.turn === note.turn));
  const earlierWithNotes = earlierCards.filter((card) => onEarlier.some((note) => note.turn === card.turn));
  blocks.push(...cardBlocks(earlierWithNotes, onEarlier, nameOf));
  blocks.push(...cardBlocks(newCards, lateNotes, nameOf));
  if (blocks.length > 1) doc.transact(() => entryBody(doc).push(blocks));
}

/** The timeline's preview of the entry: the cards, in plain words. */
export function nightPreview(cards: readonly NightCard[], limit: number): string {
  const text = cards.map((card) => cardText(card.questionId)).join(' · ');
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
