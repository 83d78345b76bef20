import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, currentCard, currentTurn, dateNightRule, hasLateWork, pressNext, readNotes, readSetup, writeEnd, writeSetup } from '#shared/documents/dateNight.js';
import { buildDeck, cardAt, cardsThrough, MIXED } from '#shared/rituals/dateNightDeck.js';
import { QUESTIONS } from '#shared/rituals/questionLibrary.js';

const NIGHT = 'night-0001-abcdef';

/** Sends every update of `from` that `to` lacks, as the relay would. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function startedNight(category: 'light' | 'mixed' = 'light'): Y.Doc {
  const doc = new Y.Doc();
  writeSetup(doc, { category, deck: buildDeck(NIGHT, category, QUESTIONS, new Map()), startedBy: 'ada', startedAt: 1 });
  return doc;
}

describe('the date night deck', () => {
  const light = QUESTIONS.filter((q) => q.category === 'light').map((q) => q.id);

  it('holds every card of the chosen category once, in an order fixed by the night', () => {
    const deck = buildDeck(NIGHT, 'light', QUESTIONS, new Map());
    expect([...deck].sort()).toEqual([...light].sort());
    expect(buildDeck(NIGHT, 'light', QUESTIONS, new Map())).toEqual(deck);
    expect(buildDeck('another-night-id', 'light', QUESTIONS, new Map())).not.toEqual(deck);
    expect(buildDeck(NIGHT, MIXED, QUESTIONS, new Map())).toHaveLength(QUESTIONS.length);
  });

  it('draws no card twice until the deck is used up, then starts a fresh round without repeating the last card', () => {
    const deck = buildDeck(NIGHT, 'light', QUESTIONS, new Map());
    const drawn = cardsThrough(deck, NIGHT, deck.length * 3 - 1);
    for (let round = 0; round < 3; round++) {
      const cards = drawn.slice(round * deck.length, (round + 1) * deck.length);
      expect(new Set(cards).size).toBe(deck.length);
    }
    for (let t = 1; t < drawn.length; t++) expect(drawn[t]).not.toBe(drawn[t - 1]);
    for (let t = 0; t < drawn.length; t += 17) expect(cardAt(deck, NIGHT, t)).toBe(drawn[t]);
  });

  it('counts earlier nights: cards already talked about come after every new one, the longest ago first', () => {
    const first = buildDeck('night-one-0001', 'light', QUESTIONS, new Map());
    const talked = first.slice(0, 10);
    const seen = new Map(talked.map((id, i) => [id, i < 5 ? 1_000 : 2_000]));
    const second = buildDeck('night-two-0002', 'light', QUESTIONS, seen);
    const fresh = second.slice(0, light.length - 10);
    expect(fresh.some((id) => seen.has(id))).toBe(false);
    // The five talked about at 1,000 come before the five at 2,000.
    expect(new Set(second.slice(-10, -5))).toEqual(new Set(talked.slice(0, 5)));
    expect(new Set(second.slice(-5))).toEqual(new Set(talked.slice(5)));
  });
});

describe('a date night shared by two devices', () => {
  it('shows both devices the same card, turn after turn', () => {
    const ada = startedNight();
    const ben = new Y.Doc();
    sync(ada, ben);
    expect(readSetup(ben)).toEqual(readSetup(ada));
    for (let i = 0; i < 5; i++) {
      pressNext(i % 2 === 0 ? ada : ben, i % 2 === 0 ? 'ada' : 'ben');
      sync(ada, ben);
      sync(ben, ada);
      expect(currentCard(ben, NIGHT)).toBe(currentCard(ada, NIGHT));
      expect(currentTurn(ada)).toBe(i + 1);
    }
  });

  it('merges two presses of "next" at the same moment into one turn: no card skipped, the same card on both', () => {
    const ada = startedNight('mixed');
    const ben = new Y.Doc();
    sync(ada, ben);
    pressNext(ada, 'ada');
    sync(ada, ben);
    const before = currentCard(ada, NIGHT);
    // Both press on turn 1, before either hears of the other.
    pressNext(ada, 'ada');
    pressNext(ben, 'ben');
    sync(ada, ben);
    sync(ben, ada);
    expect(currentTurn(ada)).toBe(2);
    expect(currentTurn(ben)).toBe(2);
    expect(currentCard(ada, NIGHT)).toBe(currentCard(ben, NIGHT));
    expect(currentCard(ada, NIGHT)).not.toBe(before);
  });

  it('keeps every note when one phone draws and writes offline and merges later', () => {
    const ada = startedNight();
    const ben = new Y.Doc();
    sync(ada, ben);
    // Ben is offline for three cards; Ada keeps going online for one and writes under it.
    for (let i = 0; i < 3; i++) {
      pressNext(ben, 'ben');
      addNote(ben, currentTurn(ben), { id: `ben-note-${i}x`, by: 'ben', text: `Ben on card ${currentTurn(ben)}` });
    }
    pressNext(ada, 'ada');
    addNote(ada, currentTurn(ada), { id: 'ada-note-1x', by: 'ada', text: 'Ada on card 1' });
    sync(ada, ben);
    sync(ben, ada);
    expect(currentTurn(ada)).toBe(3);
    expect(currentCard(ada, NIGHT)).toBe(currentCard(ben, NIGHT));
    const texts = readNotes(ada).map((n) => `${n.turn}:${n.text}`);
    expect([...texts].sort()).toEqual(['1:Ada on card 1', '1:Ben on card 1', '2:Ben on card 2', '3:Ben on card 3']);
    expect(readNotes(ben)).toEqual(readNotes(ada));
  });

  it('knows when notes or cards arrived after the night became an entry', () => {
    const doc = startedNight();
    addNote(doc, 0, { id: 'first-note', by: 'ada', text: 'hello' }, 5);
    writeEnd(doc, { at: 10, by: 'ada', entryId: NIGHT, throughTurn: 0, notes: { '0.first-note': 5 } });
    expect(hasLateWork(doc)).toBe(false);
    addNote(doc, 0, { id: 'later-note', by: 'ben', text: 'from the train' }, 20);
    expect(hasLateWork(doc)).toBe(true);
  });
});

describe('what a member may change in a date night (the relay\'s rule)', () => {
  /** The rule's verdict on `change`, made by `writer` on a copy of `base`, as the relay judges it. */
  function verdict(base: Y.Doc, writer: string, change: (doc: Y.Doc) => void): string | null {
    const relayDoc = new Y.Doc();
    sync(base, relayDoc);
    const client = new Y.Doc();
    sync(base, client);
    const before = Y.encodeStateVector(client);
    change(client);
    const update = Y.encodeStateAsUpdate(client, before);
    let problem: string | null = null;
    const watched = dateNightRule.watch(relayDoc);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const review = (events: Y.YEvent<any>[]) => (problem ??= dateNightRule.check(events, relayDoc, { userId: writer, userName: writer }));
    for (const type of watched) type.observeDeep(review);
    Y.applyUpdate(relayDoc, update);
    return problem;
  }

  it('lets the starter set the night up, and both press next and write under their own names', () => {
    const empty = new Y.Doc();
    expect(verdict(empty, 'ada', (doc) => writeSetup(doc, { category: 'light', deck: ['light-001'], startedBy: 'ada', startedAt: 1 }))).toBeNull();
    const night = startedNight();
    expect(verdict(night, 'ben', (doc) => pressNext(doc, 'ben'))).toBeNull();
    expect(verdict(night, 'ben', (doc) => addNote(doc, 0, { id: 'note-0001', by: 'ben', text: 'yes' }))).toBeNull();
  });

  it('refuses a setup in someone else\'s name or rewritten later, a turn or note under the partner\'s name, and any end', () => {
    expect(verdict(new Y.Doc(), 'ben', (doc) => writeSetup(doc, { category: 'light', deck: ['light-001'], startedBy: 'ada', startedAt: 1 }))).toMatch(/starts it/);
    const night = startedNight();
    expect(verdict(night, 'ada', (doc) => doc.getMap('setup').set('category', 'repair'))).toMatch(/never changes/);
    expect(verdict(night, 'ben', (doc) => pressNext(doc, 'ada'))).toMatch(/own name/);
    expect(verdict(night, 'ben', (doc) => addNote(doc, 0, { id: 'note-0001', by: 'ada', text: 'not mine' }))).toMatch(/own name/);
    const withNote = startedNight();
    addNote(withNote, 0, { id: 'ada-note1', by: 'ada', text: 'mine' });
    expect(verdict(withNote, 'ben', (doc) => doc.getMap('notes').delete('0.ada-note1'))).toMatch(/only its writer/);
    expect(verdict(night, 'ben', (doc) => writeEnd(doc, { at: 1, by: 'ben', entryId: NIGHT, throughTurn: 0, notes: {} }))).toMatch(/server/);
  });
});
