import type { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { findAnchors } from '#shared/schema/commentMark.js';
import type { OutboxItem } from '../../client/src/sync/CommentOutbox.js';
import { listThreads } from '../../client/src/comments/threadList.js';
import type { CommentThread } from '#shared/model/comments.js';
import { entrySchema } from '#shared/schema/entryContent.js';

const schema = entrySchema();
const comment = (threadId: string) => schema.marks.comment.create({ threadId });
const text = (value: string, ...threadIds: string[]) => schema.text(value, threadIds.map(comment));
const paragraph = (...content: PMNode[]) => schema.node('paragraph', null, content);
const doc = (...blocks: PMNode[]) => schema.node('doc', null, blocks);

function thread(id: string, createdAt: number, resolved = false): CommentThread {
  const ben = { id: 'ben0000001', name: 'Ben' };
  return {
    id,
    entryId: 'entry00001',
    quote: `quote of ${id}`,
    createdBy: ben,
    createdAt,
    resolved: resolved ? { by: ben, at: createdAt + 1 } : null,
    comments: [{ id: `c-${id}`, author: ben, text: 'Hi', createdAt, editedAt: null, deletedAt: null, reactions: {} }],
  };
}

describe('comment anchors', () => {
  it('give each overlapping thread exactly its own phrase', () => {
    // "the lake was cold": t1 on "lake was", t2 on "was cold".
    const anchors = findAnchors(doc(paragraph(text('the '), text('lake ', 't1'), text('was', 't1', 't2'), text(' cold', 't2'))));
    expect(anchors).toEqual([
      { threadId: 't1', from: 5, to: 13, text: 'lake was' },
      { threadId: 't2', from: 10, to: 18, text: 'was cold' },
    ]);
  });

  it('follow a phrase split across paragraphs', () => {
    const split = findAnchors(doc(paragraph(text('The '), text('lake was very ', 't1')), paragraph(text('cold that', 't1'), text(' morning.'))));
    expect(split).toEqual([{ threadId: 't1', from: 5, to: 30, text: 'lake was very cold that' }]);
    const atWordEnd = findAnchors(doc(paragraph(text('lake', 't1')), paragraph(text('cold', 't1'))));
    expect(atWordEnd[0].text).toBe('lake cold');
  });

  it('are listed by where their phrase starts', () => {
    const anchors = findAnchors(doc(paragraph(text('first', 'late'), text(' and '), text('second', 'early'))));
    expect(anchors.map((a) => a.threadId)).toEqual(['late', 'early']);
  });
});

describe('the thread list', () => {
  const arriving = { ...thread('arriving', 40), anchorVersion: { client: 7, clock: 12 } };
  const threads = new Map([
    ['a', thread('a', 30)],
    ['b', thread('b', 10)],
    ['gone-new', thread('gone-new', 50)],
    ['gone-old', { ...thread('gone-old', 20), anchorVersion: { client: 7, clock: 3 } }],
    ['arriving', arriving],
    ['done', thread('done', 5, true)],
  ]);
  const anchors = [
    { threadId: 'a', from: 1, to: 5, text: 'lake' },
    { threadId: 'b', from: 9, to: 13, text: 'cold' },
    { threadId: 'done', from: 20, to: 24, text: 'dawn' },
  ];
  const queued: OutboxItem[] = [
    {
      id: 'o1',
      journalId: 'j',
      entryId: 'entry00001',
      command: { type: 'createThread', threadId: 'sending', quote: 'shore', commentId: 'c1', text: 'Hm' },
      queuedAt: 60,
    },
  ];
  // This device's entry document has client 7 up to clock 10.
  const reached = (v: { client: number; clock: number }) => v.client === 7 && v.clock <= 10;
  const list = (anchorsKnown = true, at = anchors) => listThreads({ threads, anchors: at, queued, anchorsKnown, reached });

  it('puts open threads in text order, then the others oldest first, then ones still sending', () => {
    const { open, resolved } = list();
    expect(open.map((t) => [t.id, t.placement, t.phrase])).toEqual([
      ['a', 'text', 'lake'],
      ['b', 'text', 'cold'],
      ['gone-old', 'deleted', null],
      ['arriving', 'arriving', null],
      ['gone-new', 'deleted', null],
      ['sending', 'deleted', null],
    ]);
    expect(open.find((t) => t.id === 'sending')?.pending?.quote).toBe('shore');
    expect(resolved.map((t) => [t.id, t.placement, t.phrase])).toEqual([['done', 'text', 'dawn']]);
  });

  it('calls a thread "on deleted text" only once the text it was anchored in has arrived', () => {
    // The thread came before its mark: the document here has not reached the version the mark was written in.
    expect(list().open.find((t) => t.id === 'arriving')?.placement).toBe('arriving');
    // The mark arrived: the thread is in the text.
    const withMark = list(true, [...anchors, { threadId: 'arriving', from: 30, to: 34, text: 'pier' }]);
    expect(withMark.open.find((t) => t.id === 'arriving')).toMatchObject({ placement: 'text', phrase: 'pier' });
  });

  it('calls nothing "on deleted text" before the document has been read', () => {
    expect(list(false, []).open.every((t) => t.placement === 'arriving')).toBe(true);
  });

  it('shows a thread whose anchor arrived before the thread itself', () => {
    const { open } = listThreads({ threads: new Map(), anchors: [{ threadId: 'early', from: 1, to: 4, text: 'sea' }], queued: [], anchorsKnown: true, reached });
    expect(open).toEqual([{ id: 'early', thread: null, placement: 'text', phrase: 'sea', pending: null }]);
  });
});
