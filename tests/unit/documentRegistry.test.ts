import { describe, expect, it } from 'vitest';
import { commentsDocument, commentsRoom } from '#shared/documents/comments.js';
import type { DocumentKind } from '#shared/documents/DocumentKind.js';
import { entryDocument, entryRoom } from '#shared/documents/entry.js';
import { indexRoom, journalIndexDocument } from '#shared/documents/journalIndex.js';
import { DOCUMENTS, createDocumentRegistry, mayOpen } from '#shared/documents/registry.js';
import { roomName } from '#shared/documents/roomNames.js';

const JOURNAL = 'journal001';
const ENTRY = 'entry00001';

/** A kind private to its owner, as drafts will be: one document per person, named by their user id. */
const draftsDocument: DocumentKind = { ...entryDocument, name: 'drafts', openTo: 'owner' };

describe('the document registry', () => {
  it('reads back every room name it builds, with its kind', () => {
    expect(DOCUMENTS.parse(indexRoom(JOURNAL))).toEqual({ journalId: JOURNAL, kind: journalIndexDocument, id: null });
    expect(DOCUMENTS.parse(entryRoom(JOURNAL, ENTRY))).toEqual({ journalId: JOURNAL, kind: entryDocument, id: ENTRY });
    expect(DOCUMENTS.parse(commentsRoom(JOURNAL, ENTRY))).toEqual({ journalId: JOURNAL, kind: commentsDocument, id: ENTRY });
    // The names on the wire and in storage are the ones earlier versions used.
    expect([indexRoom(JOURNAL), entryRoom(JOURNAL, ENTRY), commentsRoom(JOURNAL, ENTRY)]).toEqual([
      'journal001/index',
      'journal001/entry-entry00001',
      'journal001/comments-entry00001',
    ]);
  });

  it('refuses names that are not a room of a known kind', () => {
    for (const name of [
      'journal001',
      'journal001/index/x',
      'journal001/index-entry00001',
      'journal001/entry',
      'journal001/entry-',
      'journal001/entry-short',
      'journal001/entry-has/slash',
      'journal001/drafts-entry00001',
      'short/index',
      '../x/index',
    ]) {
      expect(DOCUMENTS.parse(name), name).toBeNull();
    }
  });

  it('takes a new kind in one line, and opens a private kind only to its owner', () => {
    const registry = createDocumentRegistry([...DOCUMENTS.kinds, draftsDocument]);
    const mine = registry.parse(roomName(draftsDocument, JOURNAL, 'ada0000001'))!;
    expect(mine.kind).toBe(draftsDocument);
    expect(mayOpen(mine, { userId: 'ada0000001' })).toBe('yes');
    expect(mayOpen(mine, { userId: 'ben0000001' })).toBe('no');
    expect(mayOpen(registry.parse(entryRoom(JOURNAL, ENTRY))!, { userId: 'ben0000001' })).toBe('yes');
  });

  it('refuses two kinds with one name, names rooms could not tell apart, and a private kind without an owner id', () => {
    expect(() => createDocumentRegistry([entryDocument, { ...commentsDocument, name: 'entry' }])).toThrow(/two document kinds/);
    expect(() => createDocumentRegistry([{ ...entryDocument, name: 'entry-x' }])).toThrow(/letters only/);
    expect(() => createDocumentRegistry([{ ...journalIndexDocument, name: 'secret', openTo: 'owner' }])).toThrow(/owner/);
    expect(() => roomName(entryDocument, JOURNAL)).toThrow();
    expect(() => roomName(journalIndexDocument, JOURNAL, ENTRY)).toThrow();
  });

  it('says who writes each kind and under which rule', () => {
    expect(journalIndexDocument.writtenBy).toBe('members');
    expect(journalIndexDocument.rule).not.toBeNull();
    expect(entryDocument.writtenBy).toBe('members');
    expect(commentsDocument.writtenBy).toBe('server');
  });
});
