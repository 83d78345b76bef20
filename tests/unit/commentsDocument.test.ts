import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CommentCommand, type CommentThread, applyCommentCommand } from '#shared/model/comments.js';
import {
  COMMENTS_FIELD,
  LEGACY_THREADS_FIELD,
  REACTIONS_FIELD,
  RESOLVED_FIELD,
  THREAD_HEADS_FIELD,
  countComments,
  onThreadsChange,
  readThread,
  readThreads,
  writeThread,
} from '#shared/documents/comments.js';
import { READS_FIELD } from '#shared/documents/comments.js';

const ada = { id: 'ada0000001', name: 'Ada' };
const ben = { id: 'ben0000001', name: 'Ben' };
const ENTRY = 'entry00001';
const LONG = 'x'.repeat(5000);

/** Runs a command the way the server does, and returns the size of the update it made (what the server stores). */
function run(doc: Y.Doc, command: CommentCommand, actor = ada, now = 1): number {
  let stored = 0;
  const capture = (update: Uint8Array) => (stored += update.byteLength);
  doc.on('update', capture);
  doc.transact(() => {
    const current = readThread(doc, command.threadId);
    const next = applyCommentCommand(current, command, actor, ENTRY, now, countComments(doc));
    if (next !== current) writeThread(doc, current, next);
  });
  doc.off('update', capture);
  return stored;
}

/** A thread as an earlier version of Duet stored it: the whole thread as one JSON value. */
function legacyDoc(...threads: CommentThread[]): Y.Doc {
  const doc = new Y.Doc();
  for (const thread of threads) doc.getMap<string>(LEGACY_THREADS_FIELD).set(thread.id, JSON.stringify(thread));
  return doc;
}

const create = (threadId: string, text = 'Brr!'): CommentCommand => ({ type: 'createThread', threadId, commentId: `${threadId}c0`, quote: 'the lake', text });
const reply = (threadId: string, commentId: string, text: string): CommentCommand => ({ type: 'reply', threadId, commentId, text });

describe('the comments document', () => {
  it('reads back exactly the threads the commands made', () => {
    const doc = new Y.Doc();
    let expected = applyCommentCommand(null, create('thread0001'), ben, ENTRY, 1, { threads: 0, comments: 0 });
    run(doc, create('thread0001'), ben, 1);
    const commands: [CommentCommand, typeof ada][] = [
      [reply('thread0001', 'comment002', 'We swam anyway'), ada],
      [reply('thread0001', 'comment003', 'Never again'), ben],
      [{ type: 'react', threadId: 'thread0001', commentId: 'comment002', emoji: '❤️', on: true }, ben],
      [{ type: 'react', threadId: 'thread0001', commentId: 'comment002', emoji: '😂', on: true }, ada],
      [{ type: 'edit', threadId: 'thread0001', commentId: 'comment003', text: 'Maybe again' }, ben],
      [{ type: 'delete', threadId: 'thread0001', commentId: 'thread0001c0' }, ben],
      [{ type: 'react', threadId: 'thread0001', commentId: 'comment002', emoji: '😂', on: false }, ada],
      [{ type: 'resolve', threadId: 'thread0001', resolved: true }, ada],
    ];
    commands.forEach(([command, actor], i) => {
      expected = applyCommentCommand(expected, command, actor, ENTRY, i + 2, { threads: 1, comments: 3 });
      run(doc, command, actor, i + 2);
      expect(readThread(doc, 'thread0001')).toEqual(expected);
    });
    expect(expected.comments.map((c) => c.id)).toEqual(['thread0001c0', 'comment002', 'comment003']);
    expect(expected.comments[1].reactions).toEqual({ '❤️': [ben.id] });

    // Another device that receives the document sees the same.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readThreads(copy)).toEqual(new Map([['thread0001', expected]]));
    run(doc, { type: 'resolve', threadId: 'thread0001', resolved: false }, ben, 20);
    expect(readThread(doc, 'thread0001')!.resolved).toBeNull();
  });

  it('writes only what a command changes: a reply or a reaction does not store the thread again', () => {
    const doc = new Y.Doc();
    run(doc, create('thread0001', LONG));
    for (let i = 0; i < 50; i++) run(doc, reply('thread0001', `comment${100 + i}`, LONG));
    // Each reply stores its own text and a little more, however long the thread already is.
    expect(run(doc, reply('thread0001', 'comment999', 'Short'))).toBeLessThan(300);
    // A reaction on a 5,000-character comment stores the reaction, not the comment.
    expect(run(doc, { type: 'react', threadId: 'thread0001', commentId: 'comment120', emoji: '❤️', on: true }, ben)).toBeLessThan(200);
    expect(run(doc, { type: 'resolve', threadId: 'thread0001', resolved: true }, ben)).toBeLessThan(200);
    expect(run(doc, { type: 'edit', threadId: 'thread0001', commentId: 'comment130', text: 'Shorter now' })).toBeLessThan(300);
    // A retried request changes nothing and stores nothing.
    expect(run(doc, reply('thread0001', 'comment999', 'Short'))).toBe(0);
  });

  it('keeps showing threads stored the old way, and moves one to the new layout when it changes', () => {
    const old = applyCommentCommand(null, create('thread0001'), ben, ENTRY, 1, { threads: 0, comments: 0 });
    const reacted = applyCommentCommand(old, { type: 'react', threadId: 'thread0001', commentId: 'thread0001c0', emoji: '👍', on: true }, ada, ENTRY, 2, { threads: 1, comments: 1 });
    const other = applyCommentCommand(null, create('thread0002'), ada, ENTRY, 3, { threads: 1, comments: 1 });
    const doc = legacyDoc(reacted, other);
    expect(readThreads(doc)).toEqual(new Map([['thread0001', reacted], ['thread0002', other]]));
    expect(countComments(doc)).toEqual({ threads: 2, comments: 2 });

    run(doc, reply('thread0001', 'comment002', 'Yes'), ada, 4);
    const moved = readThread(doc, 'thread0001')!;
    expect(moved.comments.map((c) => [c.id, c.text, c.reactions])).toEqual([
      ['thread0001c0', 'Brr!', { '👍': [ada.id] }],
      ['comment002', 'Yes', {}],
    ]);
    expect({ ...moved, comments: [] }).toEqual({ ...reacted, comments: [] });
    expect(doc.getMap(LEGACY_THREADS_FIELD).has('thread0001')).toBe(false);
    expect(doc.getMap(THREAD_HEADS_FIELD).has('thread0001')).toBe(true);
    expect(doc.getMap(REACTIONS_FIELD).size).toBe(1);
    // The untouched thread stays where it was, and still shows.
    expect(readThread(doc, 'thread0002')).toEqual(other);
    expect(countComments(doc)).toEqual({ threads: 2, comments: 3 });
  });

  it('leaves out a record it cannot read instead of failing', () => {
    const doc = legacyDoc(applyCommentCommand(null, create('thread0001'), ben, ENTRY, 1, { threads: 0, comments: 0 }));
    run(doc, create('thread0002'));
    doc.getMap<string>(LEGACY_THREADS_FIELD).set('broken0001', '{not json');
    doc.getMap<string>(THREAD_HEADS_FIELD).set('broken0002', '"a string"');
    doc.getMap<string>(COMMENTS_FIELD).set('thread0002/bad', '[]');
    expect([...readThreads(doc).keys()].sort()).toEqual(['thread0001', 'thread0002']);
    expect(readThread(doc, 'thread0002')!.comments).toHaveLength(1);
  });

  it('leaves out a record that is JSON but not of its kind, and a thread whose head is one', () => {
    const doc = new Y.Doc();
    run(doc, create('thread0001'));
    run(doc, reply('thread0001', 'comment002', 'Hi'));
    run(doc, create('thread0002'));
    // A comment without its author, a reaction list that is not one, a resolution without a time.
    doc.getMap<string>(COMMENTS_FIELD).set('thread0001/comment002', JSON.stringify({ id: 'comment002', n: 1, text: 'Hi' }));
    doc.getMap<string>(REACTIONS_FIELD).set('thread0001/thread0001c0', JSON.stringify({ '❤️': 'ben0000001' }));
    doc.getMap<string>(RESOLVED_FIELD).set('thread0001', JSON.stringify({ by: ben }));
    // A head that lost who started the thread, and one stored under another thread's id.
    doc.getMap<string>(THREAD_HEADS_FIELD).set('thread0002', JSON.stringify({ id: 'thread0002', entryId: ENTRY, quote: 'q', createdAt: 1 }));
    doc.getMap<string>(THREAD_HEADS_FIELD).set('thread0003', doc.getMap<string>(THREAD_HEADS_FIELD).get('thread0001')!);
    const thread = readThread(doc, 'thread0001')!;
    expect(thread.comments.map((c) => c.id)).toEqual(['thread0001c0']);
    expect(thread.comments[0].reactions).toEqual({});
    expect(thread.resolved).toBeNull();
    expect(readThread(doc, 'thread0002')).toBeNull();
    expect(readThread(doc, 'thread0003')).toBeNull();
    expect([...readThreads(doc).keys()]).toEqual(['thread0001']);
  });

  it('tells a reader once per change of threads, not for read marks', () => {
    const doc = new Y.Doc();
    let calls = 0;
    const stop = onThreadsChange(doc, () => calls++);
    run(doc, create('thread0001'));
    run(doc, reply('thread0001', 'comment002', 'Hi'));
    doc.getMap(READS_FIELD).set(ada.id, 5);
    expect(calls).toBe(2);
    // Changes that arrive from elsewhere count too.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    let remoteCalls = 0;
    onThreadsChange(remote, () => remoteCalls++);
    const before = Y.encodeStateVector(doc);
    run(doc, { type: 'resolve', threadId: 'thread0001', resolved: true });
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, before));
    expect(remoteCalls).toBe(1);
    stop();
    run(doc, reply('thread0001', 'comment003', 'Bye'));
    expect(calls).toBe(3);
  });
});
