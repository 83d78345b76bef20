import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerRoom } from '#shared/documents/answer.js';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { createEntry, indexRoom, setEntryText } from '#shared/documents/journalIndex.js';
import { NOTE_TEXT_FIELD, noteRoom } from '#shared/documents/note.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import { ApiClient } from '../helpers/apiClient.js';
import { type CoupleOnRelay, startCoupleOnRelay } from '../helpers/coupleOnRelay.js';
import { readZip } from '../helpers/readZip.js';

const HOSTILE_TITLE = '<script>alert("owned")</script> & our “first” day';
const ADA_SEALED = 'the words of an answer Ben must not see yet';
const ADA_NOTE = 'a note for next week, still a surprise';

async function download(client: ApiClient, path: string): Promise<{ status: number; zip: Buffer; headers: Headers }> {
  const res = await fetch(client.baseUrl + path, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, zip: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const journalJsonOf = (zip: Buffer): any => JSON.parse(readZip(zip).get('journal.json')!.toString('utf8'));
const everything = (zip: Buffer) => [...readZip(zip).values()].map((b) => b.toString('utf8')).join('\n');

/**
 * A journal with something of every kind: Ada's entry (hostile title, bold,
 * a javascript: link) with Ben's comment, Ada's answer of today (sealed from
 * Ben: he has not answered), and Ada's note for next week.
 */
async function seedJournal(couple: CoupleOnRelay): Promise<{ entryId: string; day: string }> {
  const { server, a, b, journalId, ada } = couple;
  const relay = server.server.relay;
  let entryId = '';
  await relay.change(indexRoom(journalId), (doc) => {
    entryId = createEntry(doc, { id: ada, name: 'Ada' }, new Date('2024-05-01T10:00:00Z'));
  });
  await relay.change(entryRoom(journalId, entryId), (doc) => {
    entryTitle(doc).insert(0, HOSTILE_TITLE);
    prosemirrorJSONToYXmlFragment(
      entrySchema(),
      {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'We walked to the ' }, { type: 'text', text: 'lake', marks: [{ type: 'bold' }] }, { type: 'text', text: ' <img src=x onerror=alert(1)>' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Later' }] },
        ],
      },
      entryBody(doc),
    );
  });
  // As the editor does: the timeline mirrors the entry's title (the file's name comes from it).
  await relay.change(indexRoom(journalId), (doc) => setEntryText(doc, entryId, { title: HOSTILE_TITLE, preview: 'We walked to the lake' }));
  const thread = await b.request('POST', `/api/journals/${journalId}/entries/${entryId}/threads`, { threadId: 'thread-0001', commentId: 'comment-0001', quote: 'lake', text: 'The <b>cold</b> lake!' });
  expect(thread.status).toBe(201);

  const { today } = (await a.request('GET', `/api/journals/${journalId}/rituals`)).body;
  await relay.change(answerRoom(journalId, ada, today), (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(ADA_SEALED)]);
    entryBody(doc).insert(0, [paragraph]);
  });
  expect((await a.request('POST', `/api/journals/${journalId}/days/${today}/answer`, { questionId: 'light-001' })).status).toBe(200);

  await relay.change(noteRoom(journalId, ada, 'note-later-01'), (doc) => doc.getText(NOTE_TEXT_FIELD).insert(0, ADA_NOTE));
  expect((await a.request('PUT', `/api/journals/${journalId}/notes/note-later-01`, { emoji: '🎁', deliverAt: Date.now() + 7 * 86_400_000 })).status).toBe(200);
  return { entryId, day: today };
}

describe('exporting a journal', () => {
  let couple: CoupleOnRelay;
  afterEach(() => couple?.close());

  it('gives each member everything they may read, as Markdown, JSON and one printable page, and nothing sealed from them', async () => {
    couple = await startCoupleOnRelay({ timeZone: 'Europe/Berlin' });
    const { a, b, journalId, ada, ben } = couple;
    const { entryId, day } = await seedJournal(couple);

    const adaZip = await download(a, `/api/journals/${journalId}/export`);
    expect(adaZip.status).toBe(200);
    expect(adaZip.headers.get('content-type')).toBe('application/zip');
    expect(adaZip.headers.get('content-disposition')).toBe('attachment; filename="duet-our-journal.zip"');
    const files = readZip(adaZip.zip);
    const mdName = [...files.keys()].find((n) => n.startsWith('entries/2024-05-01-'))!;
    expect(mdName).toBe('entries/2024-05-01-script-alert-owned-script-our-first-day.md');
    const md = files.get(mdName)!.toString('utf8');
    expect(md).toContain(`---\ndate: 2024-05-01\ntitle: ${JSON.stringify(HOSTILE_TITLE)}\nauthors: ["Ada"]\nkind: entry\n---`);
    expect(md).toContain('We walked to the **lake**');

    const json = journalJsonOf(adaZip.zip);
    expect(json).toMatchObject({ format: 'duet-journal', version: 1, exportedBy: ada });
    const entry = json.entries.find((e: { id: string }) => e.id === entryId);
    expect(entry.title).toBe(HOSTILE_TITLE);
    expect(entry.content.content[0].content[1]).toEqual({ type: 'text', text: 'lake', marks: [{ type: 'bold' }] });
    expect(entry.comments[0]).toMatchObject({ quote: 'lake', createdBy: { id: ben, name: 'Ben' }, comments: [{ text: 'The <b>cold</b> lake!', author: { id: ben, name: 'Ben' } }] });
    expect(json.answers).toMatchObject([{ day, revealedAt: null, answers: [{ by: ada, questionId: 'light-001' }] }]);
    expect(json.notes).toMatchObject([{ id: 'note-later-01', from: ada, deliveredAt: null, text: ADA_NOTE }]);

    const html = files.get('journal.html')!.toString('utf8');
    expect(html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; our “first” day');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('The &lt;b&gt;cold&lt;/b&gt; lake!');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('@media print');

    // Ben has not answered today and the note is for next week: neither is in his archive, in any file.
    const benZip = await download(b, `/api/journals/${journalId}/export`);
    expect(benZip.status).toBe(200);
    const benJson = journalJsonOf(benZip.zip);
    expect(benJson.exportedBy).toBe(ben);
    expect(benJson.answers).toEqual([]);
    expect(benJson.notes).toEqual([]);
    expect(benJson.entries.map((e: { id: string }) => e.id)).toEqual([entryId]);
    expect(everything(benZip.zip)).not.toContain(ADA_SEALED);
    expect(everything(benZip.zip)).not.toContain(ADA_NOTE);
    expect(everything(adaZip.zip)).toContain(ADA_SEALED);

    // An unchanged journal exports to the same bytes.
    const again = await download(a, `/api/journals/${journalId}/export`);
    expect(again.zip.equals(adaZip.zip)).toBe(true);
  });

  it('answers only members: 401 without a session, 403 to others, 404 for no journal', async () => {
    couple = await startCoupleOnRelay();
    const { server, journalId } = couple;
    const stranger = new ApiClient(server.url);
    expect((await download(stranger, `/api/journals/${journalId}/export`)).status).toBe(401);
    await stranger.signUp('Eve');
    const refused = await stranger.request('GET', `/api/journals/${journalId}/export`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_member');
    expect((await stranger.request('GET', '/api/journals/nosuchjournal/export')).status).toBe(404);
  });

  it('imports a journal.json into a new journal that exports again to the same content', async () => {
    couple = await startCoupleOnRelay({ timeZone: 'Europe/Berlin' });
    const { a, journalId, ada, ben } = couple;
    await seedJournal(couple);
    const original = journalJsonOf((await download(a, `/api/journals/${journalId}/export`)).zip);

    const imported = await a.request('POST', '/api/journals/import', original);
    expect(imported.status).toBe(201);
    const newId = imported.body.journal.id as string;
    expect(newId).not.toBe(journalId);
    expect((await a.request('GET', `/api/journals/${newId}`)).body.members.map((m: { userId: string }) => m.userId)).toEqual([ada]);
    const again = journalJsonOf((await download(a, `/api/journals/${newId}/export`)).zip);

    // What may differ (docs/design/export.md): the journal's id and creation time, and `people`, which
    // lists members and timeline authors (Ben is neither in the new journal), never with other names.
    // Every id but the importer's was given a fresh one (a file can never name someone's account):
    // read the second export with those ids mapped back, by the name each person carries.
    const byName = new Map(original.people.map((p: { id: string; name: string }) => [p.name, p.id]));
    const renamed = new Map<string, string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(collect);
      if (typeof value !== 'object' || value === null) return;
      const { id, name } = value as { id?: unknown; name?: unknown };
      const old = typeof name === 'string' ? byName.get(name) : undefined;
      if (typeof id === 'string' && typeof old === 'string' && old !== id) renamed.set(id, old);
      Object.values(value).forEach(collect);
    };
    collect(again);
    // Ben's words came in under a fresh id: the file could not sign them with his account.
    expect(JSON.stringify(again)).not.toContain(ben);
    let text = JSON.stringify(again);
    for (const [fresh, old] of renamed) {
      expect(old).not.toBe(ada);
      text = text.split(fresh).join(old);
    }
    const mapped = JSON.parse(text);
    const known = new Map(original.people.map((p: { id: string; name: string }) => [p.id, p.name]));
    for (const person of mapped.people) expect(known.get(person.id)).toBe(person.name);
    const comparable = (json: typeof original) => ({ ...json, journal: { title: json.journal.title }, people: null });
    expect(comparable(mapped)).toEqual(comparable(original));
  });

  it('refuses a file that is not a journal export with a message a person can act on', async () => {
    couple = await startCoupleOnRelay();
    const { a } = couple;
    const wrong = await a.request('POST', '/api/journals/import', { hello: 'world' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/not a Duet journal\.json/);
    const badBody = await a.request('POST', '/api/journals/import', {
      format: 'duet-journal',
      version: 1,
      journal: { title: 'x', createdAt: 1 },
      exportedBy: 'someone',
      people: [],
      entries: [{ id: 'entry-00001', date: '2024-01-01', title: '', createdAt: 1, createdBy: 'x', updatedAt: 1, deletedAt: null, authors: [], hearts: [], content: { type: 'doc', content: [{ type: 'nosuchnode' }] }, comments: [] }],
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.code).toBe('invalid_content');
    expect((await a.request('GET', '/api/me')).body.journals).toHaveLength(1);
  });
});
