import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { photoIdsInBody } from '#shared/documents/entryPhotos.js';
import { followEntryPhotos, parsePhotoRecord, photosMap, readPhotoRecord, readPhotoRecords, writePhotoRecord } from '#shared/documents/indexPhotos.js';
import { journalIndexRule } from '#shared/documents/journalIndex.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';

const schema = entrySchema();
const record = (shownIn: string | null, at = 1) => ({ entryId: 'entry00001', by: 'ada0000001', at, width: 400, height: 300, shownIn });

/** What the relay's rule says about a member's update to the index, applied as the relay applies it. */
function judge(relay: Y.Doc, member: Y.Doc): string | null {
  const update = Y.encodeStateAsUpdate(member, Y.encodeStateVector(relay));
  const watched = journalIndexRule.watch(relay);
  let problem: string | null = null;
  const review = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => (problem ??= journalIndexRule.check(events, relay, { userId: 'ben0000001', userName: 'Ben' }));
  for (const type of watched) type.observeDeep(review);
  Y.applyUpdate(relay, update, 'member');
  for (const type of watched) type.unobserveDeep(review);
  return problem;
}

describe('photo records in the journal index', () => {
  it('are read back as written, and anything else reads as no record', () => {
    const doc = new Y.Doc();
    writePhotoRecord(doc, 'photo00002', record(null, 20));
    writePhotoRecord(doc, 'photo00001', record('entry00001', 10));
    expect(readPhotoRecord(doc, 'photo00001')).toEqual(record('entry00001', 10));
    expect(readPhotoRecords(doc).map((r) => r.id)).toEqual(['photo00001', 'photo00002']);
    for (const damaged of ['{', '7', 'null', JSON.stringify({ ...record(null), width: -1 }), JSON.stringify({ ...record(null), by: '../x' }), 42]) {
      expect(parsePhotoRecord(damaged)).toBeNull();
    }
    photosMap(doc).set('../escape', JSON.stringify(record(null)));
    expect(readPhotoRecords(doc)).toHaveLength(2);
  });

  it('follow an entry: shown when in its body, null once taken out, another entry’s claim kept', () => {
    const doc = new Y.Doc();
    writePhotoRecord(doc, 'photo00001', record(null));
    writePhotoRecord(doc, 'photo00002', record('entry00001'));
    writePhotoRecord(doc, 'photo00003', record('entry00002'));
    // photo00009 is not in this index (another journal's, or not uploaded yet): nothing is made for it.
    expect(followEntryPhotos(doc, 'entry00001', ['photo00001', 'photo00009'])).toBe(2);
    expect(readPhotoRecords(doc).map((r) => [r.id, r.shownIn])).toEqual([
      ['photo00001', 'entry00001'],
      ['photo00002', null],
      ['photo00003', 'entry00002'],
    ]);
    expect(readPhotoRecord(doc, 'photo00009')).toBeNull();
    expect(followEntryPhotos(doc, 'entry00001', ['photo00001'])).toBe(0);
  });

  it('are the server’s alone: a member’s update that writes one is refused, on a fresh index too', () => {
    for (const seeded of [false, true]) {
      const relay = new Y.Doc();
      if (seeded) writePhotoRecord(relay, 'photo00001', record(null));
      const member = new Y.Doc();
      Y.applyUpdate(member, Y.encodeStateAsUpdate(relay));
      expect(judge(relay, member)).toBeNull();
      photosMap(member).set('photo00002', JSON.stringify(record('entry00001')));
      expect(judge(relay, member)).toBe('photo records are written by the server');
    }
    const relay = new Y.Doc();
    writePhotoRecord(relay, 'photo00001', record(null));
    const member = new Y.Doc();
    Y.applyUpdate(member, Y.encodeStateAsUpdate(relay));
    photosMap(member).delete('photo00001');
    expect(judge(relay, member)).toBe('photo records are written by the server');
  });
});

describe('the photos of an entry body', () => {
  it('are found at any depth, in order, each once, and nothing else counts', () => {
    const editor = new HeadlessEditor(new Y.Doc(), schema);
    const photo = (id: string) => schema.nodes.photo.create({ id });
    editor.apply((state) =>
      state.tr.replaceWith(0, state.doc.content.size, [
        photo('photo00001'),
        schema.nodes.paragraph.create(null, schema.text('photo00009 is only words')),
        schema.nodes.blockquote.create(null, [photo('photo00002')]),
        schema.nodes.bulletList.create(null, schema.nodes.listItem.create(null, [schema.nodes.paragraph.create(), photo('photo00003')])),
        photo('photo00001'),
      ]),
    );
    expect(photoIdsInBody(editor.fragment)).toEqual(['photo00001', 'photo00002', 'photo00003']);
  });
});
