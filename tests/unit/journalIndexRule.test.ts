import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEntry, entriesMap, mirrorEntry, readEntrySummary, setEntryDate, setHeart, setEntryDeleted, setEntryText } from '#shared/documents/journalIndex.js';
import { journalIndexRule } from '#shared/documents/journalIndex.js';

const ada = { id: 'ada0000001', name: 'Ada' };
const ben = { id: 'ben0000001', name: 'Ben' };
const sender = (who: { id: string; name: string }) => ({ userId: who.id, userName: who.name, sessionId: 's', journalId: 'j' });

/**
 * The relay's copy of a journal index, and two members' copies. `send` applies
 * a member's unsent changes to the relay's copy as the relay does, and answers
 * what the rule says about them.
 */
function journal(clientIds: [number, number] = [1, 2]) {
  const relay = new Y.Doc();
  const docWithClient = (clientID: number) => {
    const doc = new Y.Doc();
    // Fixed ids decide which of two concurrent values Yjs keeps, so a test can try both.
    doc.clientID = clientID;
    return doc;
  };
  const copies = new Map([
    [ada.id, docWithClient(clientIds[0])],
    [ben.id, docWithClient(clientIds[1])],
  ]);
  const send = (who: { id: string; name: string }): string | null => {
    const doc = copies.get(who.id)!;
    const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(relay));
    const watched = journalIndexRule.watch(relay);
    let problem: string | null = null;
    // As the relay does: judged while the events are delivered.
    const review = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => (problem ??= journalIndexRule.check(events, relay, sender(who)));
    for (const type of watched) type.observeDeep(review);
    Y.applyUpdate(relay, update, who);
    for (const type of watched) type.unobserveDeep(review);
    // Both members receive what the relay has (a refused change would not be relayed: tests stop there).
    for (const copy of copies.values()) Y.applyUpdate(copy, Y.encodeStateAsUpdate(relay));
    return problem;
  };
  return { copy: (who: { id: string }) => copies.get(who.id)!, send };
}

describe('the journal index rule', () => {
  it('lets members create, write, mirror and delete entries under their own names', () => {
    const { copy, send } = journal();
    const id = createEntry(copy(ada), ada);
    expect(send(ada)).toBeNull();
    mirrorEntry(copy(ben), id, { title: 'The lake', preview: 'We swam', author: ben, at: 5 });
    expect(send(ben)).toBeNull();
    setEntryText(copy(ada), id, { title: 'The lake!', preview: 'We swam at night' });
    setEntryDeleted(copy(ada), id, true);
    expect(send(ada)).toBeNull();
    setEntryDeleted(copy(ben), id, false);
    expect(send(ben)).toBeNull();
    const authors = entriesMap(copy(ben)).get(id) as Y.Map<unknown>;
    expect((authors.get('authors') as Y.Map<string>).toJSON()).toEqual({ [ada.id]: 'Ada', [ben.id]: 'Ben' });
  });

  it('lets either partner move an entry to another day, and only to a real day', () => {
    const { copy, send } = journal();
    const id = createEntry(copy(ada), ada, new Date(2026, 10, 29, 21));
    expect(send(ada)).toBeNull();
    setEntryDate(copy(ben), id, '2026-11-28');
    expect(send(ben)).toBeNull();
    expect(readEntrySummary(copy(ada), id)?.date).toBe('2026-11-28');
    for (const forged of ['yesterday', '2026-02-30', 20261128]) {
      (entriesMap(copy(ben)).get(id) as Y.Map<unknown>).set('date', forged);
      expect(send(ben)).toMatch(/date is a day/);
    }
  });

  it('keeps both hearts given at once, and lets each person give or take back only their own', () => {
    const { copy, send } = journal();
    const id = createEntry(copy(ada), ada);
    expect(send(ada)).toBeNull();
    setHeart(copy(ada), id, ada.id, true, 10);
    setHeart(copy(ben), id, ben.id, true, 11);
    expect(send(ada)).toBeNull();
    expect(send(ben)).toBeNull();
    expect(readEntrySummary(copy(ada), id)?.hearts).toEqual([ada.id, ben.id].sort());
    setHeart(copy(ben), id, ben.id, false);
    expect(send(ben)).toBeNull();
    expect(readEntrySummary(copy(ada), id)?.hearts).toEqual([ada.id]);
    setHeart(copy(ben), id, ada.id, false);
    expect(send(ben)).toMatch(/only your own heart/);
  });

  it('refuses a member writing their own name under the partner’s id', () => {
    const { copy, send } = journal();
    const id = createEntry(copy(ada), ada);
    expect(send(ada)).toBeNull();
    ((entriesMap(copy(ben)).get(id) as Y.Map<unknown>).get('authors') as Y.Map<string>).set(ada.id, 'Ben');
    expect(send(ben)).toMatch(/only your own name/);
  });

  for (const [name, forge] of [
    ['adds the partner as an author', (entry: Y.Map<unknown>) => (entry.get('authors') as Y.Map<string>).set('eve0000001', 'Eve')],
    ['adds itself under another name', (entry: Y.Map<unknown>) => (entry.get('authors') as Y.Map<string>).set(ben.id, 'Ada')],
    ['removes the partner from the authors', (entry: Y.Map<unknown>) => (entry.get('authors') as Y.Map<string>).delete(ada.id)],
    ['replaces the authors', (entry: Y.Map<unknown>) => entry.set('authors', new Y.Map([[ben.id, 'Ben']]))],
    ['removes the authors list', (entry: Y.Map<unknown>) => entry.delete('authors')],
    ['rewrites the creator', (entry: Y.Map<unknown>) => entry.set('createdBy', ben.id)],
  ] as const) {
    it(`refuses a change that ${name}`, () => {
      const { copy, send } = journal();
      const id = createEntry(copy(ada), ada);
      expect(send(ada)).toBeNull();
      forge(entriesMap(copy(ben)).get(id) as Y.Map<unknown>);
      expect(send(ben)).not.toBeNull();
    });
  }

  it('refuses a member writing the comment summaries, which only the server writes', () => {
    const { copy, send } = journal();
    copy(ben).getMap('commentSummaries').set('entry00001', JSON.stringify({ count: 0, latestFor: {}, unreadFor: {} }));
    expect(send(ben)).toMatch(/written by the server/);
  });

  it('refuses an entry created in the partner’s name, and removing an entry', () => {
    const { copy, send } = journal();
    createEntry(copy(ben), ada);
    expect(send(ben)).toMatch(/created by its writer/);
    const second = journal();
    const id = createEntry(second.copy(ada), ada);
    expect(second.send(ada)).toBeNull();
    entriesMap(second.copy(ben)).delete(id);
    expect(second.send(ben)).toMatch(/never removed/);
  });

  it('refuses an entry created without its list of authors', () => {
    const { copy, send } = journal();
    entriesMap(copy(ada)).set('entry00001', new Y.Map<unknown>([['id', 'entry00001'], ['createdBy', ada.id], ['title', '']]));
    expect(send(ada)).toMatch(/created with its list of authors/);
  });
});
