import { describe, expect, it } from 'vitest';
import { summarizeComments } from '#shared/model/commentSummary.js';
import { type CommentThread, CommentRefusal, applyCommentCommand, isReactionEmoji } from '#shared/model/comments.js';
import { MAX_COMMENTS_PER_ENTRY, MAX_COMMENTS_PER_THREAD, MAX_THREADS_PER_ENTRY } from '#shared/model/quotas.js';

const ada = { id: 'ada0000001', name: 'Ada' };
const ben = { id: 'ben0000001', name: 'Ben' };
/** An entry with nothing else on it: the caps per entry are tested on their own. */
const none = { threads: 0, comments: 0 };
const create = { type: 'createThread', threadId: 'thread0001', quote: 'the lake was cold', commentId: 'comment001', text: 'Brr!' } as const;

function refusal(run: () => unknown): string {
  return refusalOf(run)?.reason ?? 'accepted';
}

function refusalOf(run: () => unknown): CommentRefusal | null {
  try {
    run();
  } catch (error) {
    if (error instanceof CommentRefusal) return error;
    throw error;
  }
  return null;
}

describe('comment commands', () => {
  const thread = applyCommentCommand(null, create, ben, 'entry00001', 1, none);

  it('create a thread whose first comment is the actor’s, whatever the request claims', () => {
    expect(thread.createdBy).toEqual(ben);
    expect(thread.comments[0]).toMatchObject({ author: ben, text: 'Brr!', deletedAt: null });
    expect(thread.quote).toBe('the lake was cold');
  });

  it('let only the author edit or delete a comment', () => {
    expect(refusal(() => applyCommentCommand(thread, { type: 'edit', threadId: thread.id, commentId: 'comment001', text: 'forged' }, ada, 'entry00001', 2, none))).toBe('not_author');
    expect(refusal(() => applyCommentCommand(thread, { type: 'delete', threadId: thread.id, commentId: 'comment001' }, ada, 'entry00001', 2, none))).toBe('not_author');
    const edited = applyCommentCommand(thread, { type: 'edit', threadId: thread.id, commentId: 'comment001', text: 'So cold!' }, ben, 'entry00001', 3, none);
    expect(edited.comments[0]).toMatchObject({ text: 'So cold!', editedAt: 3 });
  });

  it('leave a marker for a deleted comment so replies keep their context', () => {
    const replied = applyCommentCommand(thread, { type: 'reply', threadId: thread.id, commentId: 'comment002', text: 'We swam anyway' }, ada, 'entry00001', 2, none);
    const deleted = applyCommentCommand(replied, { type: 'delete', threadId: thread.id, commentId: 'comment001' }, ben, 'entry00001', 3, none);
    expect(deleted.comments.map((c) => [c.id, c.text, c.deletedAt])).toEqual([
      ['comment001', '', 3],
      ['comment002', 'We swam anyway', null],
    ]);
  });

  it('treat a retried request as done, and a clashing id as a conflict', () => {
    expect(applyCommentCommand(thread, create, ben, 'entry00001', 5, none)).toBe(thread);
    expect(refusal(() => applyCommentCommand(thread, create, ada, 'entry00001', 5, none))).toBe('conflict');
    const replied = applyCommentCommand(thread, { type: 'reply', threadId: thread.id, commentId: 'comment002', text: 'hi' }, ada, 'entry00001', 2, none);
    expect(applyCommentCommand(replied, { type: 'reply', threadId: thread.id, commentId: 'comment002', text: 'hi' }, ada, 'entry00001', 3, none)).toBe(replied);
  });

  it('add and remove each person’s own reactions, one emoji at a time', () => {
    const hearted = applyCommentCommand(thread, { type: 'react', threadId: thread.id, commentId: 'comment001', emoji: '❤️', on: true }, ada, 'e', 2, none);
    const both = applyCommentCommand(hearted, { type: 'react', threadId: thread.id, commentId: 'comment001', emoji: '❤️', on: true }, ben, 'e', 3, none);
    expect(both.comments[0].reactions).toEqual({ '❤️': [ada.id, ben.id] });
    const removed = applyCommentCommand(both, { type: 'react', threadId: thread.id, commentId: 'comment001', emoji: '❤️', on: false }, ada, 'e', 4, none);
    expect(removed.comments[0].reactions).toEqual({ '❤️': [ben.id] });
    expect(isReactionEmoji('👍🏽')).toBe(true);
    expect(isReactionEmoji('<img src=x onerror=alert(1)>')).toBe(false);
    expect(refusal(() => applyCommentCommand(thread, { type: 'react', threadId: thread.id, commentId: 'comment001', emoji: 'lol', on: true }, ada, 'e', 2, none))).toBe('invalid');
  });

  it('resolve and reopen by whoever acts last', () => {
    const resolved = applyCommentCommand(thread, { type: 'resolve', threadId: thread.id, resolved: true }, ada, 'e', 2, none);
    expect(resolved.resolved).toEqual({ by: ada, at: 2 });
    const reopened = applyCommentCommand(resolved, { type: 'resolve', threadId: thread.id, resolved: false }, ben, 'e', 3, none);
    expect(reopened.resolved).toBeNull();
  });

  it('keep comment text plain and bounded', () => {
    const withControl: CommentThread = applyCommentCommand(null, { ...create, text: ' hi\u0000 there\u0007 ' }, ben, 'e', 1, none);
    expect(withControl.comments[0].text).toBe('hi there');
    expect(refusal(() => applyCommentCommand(null, { ...create, text: '   ' }, ben, 'e', 1, none))).toBe('invalid');
    expect(refusal(() => applyCommentCommand(null, { ...create, text: 'x'.repeat(5001) }, ben, 'e', 1, none))).toBe('invalid');
  });

  it('keep where the anchor was written, and refuse a malformed version', () => {
    expect(thread.anchorVersion).toBeNull();
    const versioned = applyCommentCommand(null, { ...create, anchorVersion: { client: 4021, clock: 17 } }, ben, 'e', 1, none);
    expect(versioned.anchorVersion).toEqual({ client: 4021, clock: 17 });
    for (const bad of [{ client: -1, clock: 2 }, { client: 1.5, clock: 2 }, { client: 1 }, 'v1'] as never[]) {
      expect(refusal(() => applyCommentCommand(null, { ...create, anchorVersion: bad }, ben, 'e', 1, none))).toBe('invalid');
    }
  });

  it('refuse a new comment beyond the caps of a thread and an entry, saying what to do, and still accept a retry', () => {
    let full = thread;
    for (let i = 1; i < MAX_COMMENTS_PER_THREAD; i++) {
      full = applyCommentCommand(full, { type: 'reply', threadId: thread.id, commentId: `reply${i}`, text: 'More' }, ada, 'e', i, none);
    }
    expect(full.comments).toHaveLength(MAX_COMMENTS_PER_THREAD);
    const oneMore = { type: 'reply', threadId: thread.id, commentId: 'onemore01', text: 'And more' } as const;
    expect(refusalOf(() => applyCommentCommand(full, oneMore, ada, 'e', 600, none))).toMatchObject({ reason: 'thread_full', message: expect.stringMatching(/500 comments.*Start a new thread/) });
    expect(applyCommentCommand(full, { type: 'reply', threadId: thread.id, commentId: 'reply9', text: 'More' }, ada, 'e', 601, none)).toBe(full);

    const fullEntry = { threads: MAX_THREADS_PER_ENTRY, comments: MAX_THREADS_PER_ENTRY };
    const another = { ...create, threadId: 'thread0009', commentId: 'comment099' };
    expect(refusalOf(() => applyCommentCommand(null, another, ben, 'e', 2, fullEntry))).toMatchObject({ reason: 'too_many_threads', message: expect.stringMatching(/2,000 comment threads.*Reply in a thread/) });
    // Replies still go in, and an outbox retrying a thread that made it is answered as before.
    expect(applyCommentCommand(thread, { ...oneMore, text: 'Still fine' }, ada, 'e', 3, fullEntry).comments).toHaveLength(2);
    expect(applyCommentCommand(thread, create, ben, 'e', 3, fullEntry)).toBe(thread);

    const entryFull = { threads: 30, comments: MAX_COMMENTS_PER_ENTRY };
    expect(refusalOf(() => applyCommentCommand(thread, oneMore, ada, 'e', 4, entryFull))).toMatchObject({ reason: 'too_many_comments', message: expect.stringMatching(/10,000 comments/) });
    expect(refusal(() => applyCommentCommand(null, another, ben, 'e', 4, entryFull))).toBe('too_many_comments');
    // What does not add a comment is not held back by a full entry.
    expect(applyCommentCommand(thread, { type: 'edit', threadId: thread.id, commentId: 'comment001', text: 'Edited' }, ben, 'e', 5, entryFull).comments[0].text).toBe('Edited');
  });

  it('sum up an entry for the timeline: open, not deleted, and new to whom', () => {
    const open = applyCommentCommand(thread, { type: 'reply', threadId: thread.id, commentId: 'comment009', text: 'Yes!' }, ada, 'e', 7, none);
    const deleted = applyCommentCommand(open, { type: 'reply', threadId: thread.id, commentId: 'comment010', text: 'Oops' }, ada, 'e', 8, none);
    const withDeleted = applyCommentCommand(deleted, { type: 'delete', threadId: thread.id, commentId: 'comment010' }, ada, 'e', 9, none);
    const resolved = applyCommentCommand(applyCommentCommand(null, { ...create, threadId: 'thread0002', commentId: 'comment011' }, ben, 'e', 4, none), { type: 'resolve', threadId: 'thread0002', resolved: true }, ben, 'e', 5, none);
    // Ben's comment (time 1) and Ada's reply (time 7) count; the deleted reply and the resolved thread do not.
    const summary = summarizeComments([withDeleted, resolved], new Map([[ada.id, 1]]), [ada.id, ben.id], 42);
    expect(summary).toEqual({ count: 2, latestFor: { [ada.id]: 1, [ben.id]: 7 }, unreadFor: { [ada.id]: 0, [ben.id]: 1 }, version: 42 });
  });
});
