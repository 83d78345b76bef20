import type { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { findAnchors } from '../../client/src/comments/commentAnchors.js';
import type { OutboxItem } from '../../client/src/comments/commentOutbox.js';
import { listThreads } from '../../client/src/comments/threadList.js';
import type { CommentThread } from '../../shared/model/comments.js';
import { entrySchema } from '../../shared/schema/entryContent.js';

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
  const threads = new Map([
    ['a', thread('a', 30)],
    ['b', thread('b', 10)],
    ['gone-new', thread('gone-new', 50)],
    ['gone-old', thread('gone-old', 20)],
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

  it('puts open threads in text order, then those on deleted text oldest first, then ones still sending', () => {
    const { open, resolved } = listThreads(threads, anchors, queued, true);
    expect(open.map((t) => [t.id, t.anchored, t.phrase])).toEqual([
      ['a', true, 'lake'],
      ['b', true, 'cold'],
      ['gone-old', false, null],
      ['gone-new', false, null],
      ['sending', false, null],
    ]);
    expect(open.find((t) => t.id === 'sending')?.pending?.quote).toBe('shore');
    expect(resolved.map((t) => t.id)).toEqual(['done']);
  });

  it('calls nothing "on deleted text" before the document has been read', () => {
    const { open } = listThreads(threads, [], queued, false);
    expect(open.every((t) => t.anchored)).toBe(true);
  });

  it('shows a thread whose anchor arrived before the thread itself', () => {
    const { open } = listThreads(new Map(), [{ threadId: 'early', from: 1, to: 4, text: 'sea' }], [], true);
    expect(open).toEqual([{ id: 'early', thread: null, anchored: true, phrase: 'sea', pending: null }]);
  });
});
