import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerCommentsKey, answerRoom } from '#shared/documents/answer.js';
import { draftRoom } from '#shared/documents/draft.js';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { createEntry, indexRoom, setEntryDeleted } from '#shared/documents/journalIndex.js';
import { NOTE_TEXT_FIELD, noteRoom } from '#shared/documents/note.js';
import { MAX_QUERY_CHARS } from '#shared/search/queryTerms.js';
import { join } from 'node:path';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { SqliteStorage } from '../../server/storage/SqliteStorage.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';
import { startTestServer } from '../helpers/testServer.js';

/** Writes a paragraph at the start of an entry-shaped body, as the editor would. */
function writeParagraph(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  entryBody(doc).insert(0, [paragraph]);
}

const bodyText = (doc: Y.Doc) => entryBody(doc).toString();

describe('search across the journal', () => {
  let couple: CoupleOnRelay;
  let a: ApiClient;
  let b: ApiClient;
  let ada: string;
  let ben: string;
  let journalId: string;
  /** Moved forward by a test to let a note's delivery time come (the server's clock). */
  let shift = 0;

  /** Search as `as`; every test first lets the index take what the relay has stored. */
  const search = async (as: ApiClient, query: Record<string, string>) => {
    await couple.server.server.search.flush();
    return as.request('GET', `/api/journals/${journalId}/search?${new URLSearchParams(query).toString()}`);
  };
  const found = async (as: ApiClient, q: string, more: Record<string, string> = {}) => {
    const res = await search(as, { q, ...more });
    expect(res.status).toBe(200);
    return res.body.hits as { kind: string; link: Record<string, string>; day: string; authors: { id: string; name: string }[]; title: { text: string; match: boolean }[]; snippet: { text: string; match: boolean }[] }[];
  };

  /** A new entry by `as` with a title and words, stored by the relay; returns its id and the live documents. */
  const writeEntry = async (as: ApiClient, title: string, words: string) => {
    const index = await couple.openSynced(indexRoom(journalId), as);
    const me = (await as.request('GET', '/api/me')).body.user;
    const entryId = createEntry(index.doc, { id: me.id, name: me.name });
    const entry = await couple.openSynced(entryRoom(journalId, entryId), as);
    entryTitle(entry.doc).insert(0, title);
    writeParagraph(entry.doc, words);
    await couple.relayHas(entryRoom(journalId, entryId), as, (doc) => bodyText(doc).includes(words));
    await couple.relayHas(indexRoom(journalId), as, (doc) => doc.getMap('entries').has(entryId));
    return { entryId, index, entry };
  };

  beforeEach(async () => {
    shift = 0;
    couple = await startCoupleOnRelay({ timeZone: 'Europe/Berlin', now: () => Date.now() + shift });
    ({ a, b, ada, ben, journalId } = couple);
  });
  afterEach(() => couple.close());

  it('finds a word in an entry, its title, with the match marked, for both partners', async () => {
    const { entryId } = await writeEntry(a, 'The lighthouse weekend', 'We climbed all the stairs and counted gulls from the top.');
    for (const who of [a, b]) {
      const hits = await found(who, 'gulls');
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ kind: 'entry', link: { to: 'entry', entryId }, authors: [{ id: ada, name: 'Ada' }] });
      expect(hits[0].snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['gulls']);
      expect(hits[0].snippet.map((s) => s.text).join('')).toContain('counted gulls from the top');
    }
    // The title is searched and marked too; the last word matches as it is being typed.
    const byTitle = await found(b, 'lightho');
    expect(byTitle).toHaveLength(1);
    expect(byTitle[0].title).toEqual([{ text: 'The ', match: false }, { text: 'lighthouse', match: true }, { text: ' weekend', match: false }]);
    // Words must all be there; a quoted phrase in its order.
    expect(await found(a, 'gulls stairs')).toHaveLength(1);
    expect(await found(a, 'gulls penguins')).toHaveLength(0);
    expect(await found(a, '"counted gulls"')).toHaveLength(1);
    expect(await found(a, '"gulls counted"')).toHaveLength(0);
  });

  it('follows an edit: words taken out are no longer found, new ones are', async () => {
    const { entry, entryId } = await writeEntry(a, 'Sunday', 'We baked a rhubarb pie for your mother.');
    expect(await found(b, 'rhubarb')).toHaveLength(1);
    const text = (entryBody(entry.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const at = text.toString().indexOf('rhubarb');
    entry.doc.transact(() => {
      text.delete(at, 'rhubarb'.length);
      text.insert(at, 'cherry');
    });
    await couple.relayHas(entryRoom(journalId, entryId), a, (doc) => bodyText(doc).includes('cherry pie'));
    expect(await found(b, 'rhubarb')).toHaveLength(0);
    expect((await found(b, 'cherry'))[0]).toMatchObject({ kind: 'entry', link: { entryId } });
  });

  it('hides an entry and its comments while it is in the bin, and brings them back on restore', async () => {
    const { index, entryId } = await writeEntry(b, 'Market', 'The olive stall man remembered us.');
    const threads = `/api/journals/${journalId}/entries/${entryId}/threads`;
    const created = await a.request('POST', threads, { threadId: 'olive-thread-1', commentId: 'olive-comment-1', quote: 'olive stall', text: 'He gave us the olive oil to try!' });
    expect(created.status).toBe(201);
    const both = await found(a, 'olive');
    expect(both.map((h) => h.kind).sort()).toEqual(['comment', 'entry']);
    // Each hit's title and snippet are its own words.
    const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');
    const comment = both.find((h) => h.kind === 'comment')!;
    const entry = both.find((h) => h.kind === 'entry')!;
    expect([text(comment.title), text(comment.snippet)]).toEqual(['olive stall', 'He gave us the olive oil to try!']);
    expect([text(entry.title), text(entry.snippet)]).toEqual(['Market', 'The olive stall man remembered us.']);

    setEntryDeleted(index.doc, entryId, true);
    await couple.relayHas(indexRoom(journalId), b, (doc) => (doc.getMap('entries').get(entryId) as Y.Map<unknown>).get('deletedAt') !== null);
    expect(await found(a, 'olive')).toEqual([]);
    expect(await found(b, 'olive')).toEqual([]);

    setEntryDeleted(index.doc, entryId, false);
    await couple.relayHas(indexRoom(journalId), b, (doc) => (doc.getMap('entries').get(entryId) as Y.Map<unknown>).get('deletedAt') === null);
    expect((await found(b, 'olive')).map((h) => h.kind).sort()).toEqual(['comment', 'entry']);
  });

  it('finds comments with their author, leading to the thread', async () => {
    const { entryId } = await writeEntry(a, 'Rain', 'It rained the whole walk home.');
    const threads = `/api/journals/${journalId}/entries/${entryId}/threads`;
    await b.request('POST', threads, { threadId: 'rain-thread-01', commentId: 'rain-comm-001', quote: 'whole walk', text: 'And you sang the umbrella song' });
    const hits = await found(a, 'umbrella');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'comment', link: { to: 'entry', entryId, threadId: 'rain-thread-01' }, authors: [{ id: ben, name: 'Ben' }] });
    expect(hits[0].title.map((s) => s.text).join('')).toBe('whole walk');
    // Filters: by kind, author, year.
    expect(await found(a, 'umbrella', { kind: 'entry' })).toHaveLength(0);
    expect(await found(a, 'umbrella', { kind: 'comment', author: ben })).toHaveLength(1);
    expect(await found(a, 'umbrella', { author: ada })).toHaveLength(0);
    const year = new Date().getUTCFullYear();
    expect(await found(a, 'umbrella', { year: String(year + 1) })).toHaveLength(0);
    // A deleted comment is no longer found.
    await b.request('DELETE', `${threads}/rain-thread-01/comments/rain-comm-001`);
    expect(await found(a, 'umbrella')).toHaveLength(0);
  });

  it('keeps a sealed answer and its words from the partner until both have answered, then finds it for both', async () => {
    const { today: day } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
    const adaAnswer = await couple.openSynced(answerRoom(journalId, ada, day), a);
    writeParagraph(adaAnswer.doc, 'The ferry to the island when the engine stopped');
    await couple.relayHas(answerRoom(journalId, ada, day), a, (doc) => bodyText(doc).includes('ferry'));
    expect((await a.request('POST', `/api/journals/${journalId}/days/${day}/answer`, { questionId: 'light-001' })).status).toBe(200);

    const mine = await found(a, 'ferry');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'answer', day, link: { to: 'answer', day, ownerId: ada }, authors: [{ id: ada, name: 'Ada' }] });
    expect(mine[0].title.map((s) => s.text).join('')).toMatch(/\?$/);
    // Ben finds nothing of it, by any word, kind or filter.
    for (const q of ['ferry', 'island', 'engine stopped', 'fer']) expect(await found(b, q)).toEqual([]);
    expect(await found(b, 'ferry', { kind: 'answer' })).toEqual([]);
    expect(await found(b, 'ferry', { author: ada })).toEqual([]);

    // Ben answers: the day is revealed, and both find both answers.
    const benAnswer = await couple.openSynced(answerRoom(journalId, ben, day), b);
    writeParagraph(benAnswer.doc, 'The ferry too, and the man with the accordion');
    await couple.relayHas(answerRoom(journalId, ben, day), b, (doc) => bodyText(doc).includes('accordion'));
    expect((await b.request('POST', `/api/journals/${journalId}/days/${day}/answer`, { questionId: 'light-001' })).status).toBe(200);
    expect((await found(b, 'ferry')).map((h) => h.authors[0].id).sort()).toEqual([ada, ben].sort());
    expect((await found(a, 'accordion'))[0]).toMatchObject({ kind: 'answer', link: { ownerId: ben } });

    // Comments on a revealed answer are found, leading to the day.
    const key = answerCommentsKey(ada, day);
    const thread = { threadId: 'ans-thread-01', commentId: 'ans-comm-0001', quote: 'engine stopped', text: 'I still hear the silence after it' };
    expect((await b.request('POST', `/api/journals/${journalId}/entries/${key}/threads`, thread)).status).toBe(201);
    const comment = await found(a, 'silence');
    expect(comment[0]).toMatchObject({ kind: 'comment', link: { to: 'answer', day, ownerId: ada, threadId: 'ans-thread-01' }, authors: [{ id: ben }] });
  });

  it('keeps a note for later from its reader until it is delivered, then finds it for both', async () => {
    const noteId = 'note-search-001';
    const note = await couple.openSynced(noteRoom(journalId, ada, noteId), a);
    note.doc.getText(NOTE_TEXT_FIELD).insert(0, 'Look under the marmalade jar');
    await couple.relayHas(noteRoom(journalId, ada, noteId), a, (doc) => doc.getText(NOTE_TEXT_FIELD).length > 0);
    // Written, not sent: only Ada finds it.
    expect((await found(a, 'marmalade'))[0]).toMatchObject({ kind: 'note', link: { to: 'note', noteId, writerId: ada } });
    expect(await found(b, 'marmalade')).toEqual([]);

    const sent = await a.request('PUT', `/api/journals/${journalId}/notes/${noteId}`, { emoji: '🍊', deliverAt: Date.now() + 3 * 3_600_000 });
    expect(sent.status).toBe(200);
    expect(await found(b, 'marmalade')).toEqual([]);
    expect(await found(b, 'marmalade', { kind: 'note' })).toEqual([]);

    // Its time comes (the server's clock moves on): Ben finds it.
    shift = 4 * 3_600_000;
    expect((await found(b, 'marmalade'))[0]).toMatchObject({ kind: 'note', authors: [{ id: ada, name: 'Ada' }] });
  });

  it('never indexes a draft', async () => {
    const draft = await couple.openSynced(draftRoom(journalId, ada, 'draft-search-1'), a);
    writeParagraph(draft.doc, 'A surprise trip to Lisbon in May');
    await couple.relayHas(draftRoom(journalId, ada, 'draft-search-1'), a, (doc) => bodyText(doc).includes('Lisbon'));
    expect(await found(a, 'lisbon')).toEqual([]);
    expect(await found(b, 'lisbon')).toEqual([]);
  });

  it('answers members only: no session 401, a stranger 403, a removed member 403, an unknown journal 404', async () => {
    await writeEntry(a, 'Picnic', 'Strawberries and the wasp.');
    const anonymous = await fetch(`${couple.server.url}/api/journals/${journalId}/search?q=wasp`);
    expect(anonymous.status).toBe(401);
    const stranger = new ApiClient(couple.server.url);
    await stranger.signUp('Cleo');
    const refused = await search(stranger, { q: 'wasp' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_member');
    expect((await stranger.request('GET', `/api/journals/nosuchjournal1/search?q=wasp`)).status).toBe(404);

    expect(await found(b, 'wasp')).toHaveLength(1);
    expect((await a.request('DELETE', `/api/journals/${journalId}/members/${ben}`)).status).toBe(204);
    const removed = await search(b, { q: 'wasp' });
    expect(removed.status).toBe(403);
    expect(JSON.stringify(removed.body)).not.toContain('wasp');
  });

  it('reads hostile queries as words, and refuses what it cannot search with a message', async () => {
    await writeEntry(a, 'Quotes', 'She said "near" and OR and AND NOT; title: body* {x} ^start');
    // FTS5 syntax typed into the box is only words.
    for (const q of ['NEAR(near said)', 'title:', 'body*', '{x}', '^start', 'OR', '"near" OR "nothing"', 'AND NOT', '"', '" OR ""', "'; DROP TABLE search_rows; --", 'near)', '(near']) {
      const res = await search(a, { q });
      expect([200, 400], q).toContain(res.status);
      if (res.status === 400) expect(res.body.error.message, q).toMatch(/\w/);
    }
    expect(await found(a, 'near said')).toHaveLength(1);
    expect(await found(a, 'title: body')).toHaveLength(1);
    expect(await found(a, 'NOT')).toHaveLength(1);
    expect(await found(a, '"near" OR "nothing"')).toHaveLength(0);

    const bad = async (query: Record<string, string>, code: string) => {
      const res = await search(a, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message.length).toBeGreaterThan(5);
    };
    await bad({ q: '' }, 'bad_query');
    await bad({ q: '*** --- !!!' }, 'bad_query');
    await bad({ q: 'x'.repeat(MAX_QUERY_CHARS + 1) }, 'invalid_input');
    await bad({ q: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') }, 'bad_query');
    await bad({ q: 'near', kind: 'drafts' }, 'invalid_input');
    await bad({ q: 'near', year: '20x4' }, 'invalid_input');
    await bad({ q: 'near', limit: '1000' }, 'invalid_input');
    await bad({ q: 'near', author: '../x' }, 'invalid_input');
    await bad({ q: 'near', cursor: 'bm90IGEgY3Vyc29y' }, 'invalid_input');
    const huge = await a.request('GET', `/api/journals/${journalId}/search?q=${'a'.repeat(10_000)}`);
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/at most/);
  });

  it('pages through many results newest first', async () => {
    const { index } = await writeEntry(a, 'First', 'pebble one');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const entryId = createEntry(index.doc, { id: ada, name: 'Ada' }, new Date(Date.UTC(2020 + i, 5, 1)));
      const entry = await couple.openSynced(entryRoom(journalId, entryId), a);
      writeParagraph(entry.doc, `pebble ${i}`);
      await couple.relayHas(entryRoom(journalId, entryId), a, (doc) => bodyText(doc).includes(`pebble ${i}`));
      ids.push(entryId);
    }
    await couple.relayHas(indexRoom(journalId), a, (doc) => ids.every((id) => doc.getMap('entries').has(id)));
    const first = await search(a, { q: 'pebble', limit: '2' });
    expect(first.body.hits).toHaveLength(2);
    const second = await search(a, { q: 'pebble', limit: '2', cursor: first.body.next });
    const third = await search(a, { q: 'pebble', limit: '2', cursor: second.body.next });
    expect(third.body.next).toBeNull();
    const days = [...first.body.hits, ...second.body.hits, ...third.body.hits].map((h: { day: string }) => h.day);
    expect(days).toHaveLength(5);
    expect([...days].sort().reverse()).toEqual(days);
    expect(days.slice(1)).toEqual(['2023-06-01', '2022-06-01', '2021-06-01', '2020-06-01']);
    expect(await found(a, 'pebble', { year: '2021' })).toHaveLength(1);
  });
});

describe('search after a start', () => {
  it('catches up on documents stored while the index was not current, reading only those', async () => {
    const first = await startTestServer();
    const couple = await pairedCouple(first.url);
    const { journalId } = couple;
    const ada = (await couple.a.request('GET', '/api/me')).body.user;
    await first.stop();

    // Stored as a version of Duet without search would have: straight into the documents' tables.
    const storage = new SqliteStorage(join(first.dataDir, 'duet.sqlite'));
    const index = new Y.Doc();
    const entryId = createEntry(index, { id: ada.id, name: ada.name });
    const entry = new Y.Doc();
    entryTitle(entry).insert(0, 'Before search');
    writeParagraph(entry, 'The kayak tipped over twice');
    await storage.appendUpdates([
      { doc: indexRoom(journalId), update: Y.encodeStateAsUpdate(index) },
      { doc: entryRoom(journalId, entryId), update: Y.encodeStateAsUpdate(entry) },
    ]);
    await storage.close();

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      expect(await second.server.search.catchUp()).toBe(2);
      const b = new ApiClient(second.url);
      b.cookie = couple.b.cookie;
      const hits = (await b.request('GET', `/api/journals/${journalId}/search?q=kayak`)).body.hits;
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ kind: 'entry', link: { entryId }, authors: [{ id: ada.id }] });
      // Nothing is stale any more: the next start reads no document.
      expect(await second.storage.search.staleDocuments()).toEqual([]);
    } finally {
      await second.stop();
    }
    const third = await startTestServer({ dataDir: first.dataDir });
    try {
      expect(await third.server.search.catchUp()).toBe(0);
    } finally {
      await third.cleanup();
      await first.cleanup();
    }
  });
});
