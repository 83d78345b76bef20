import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommentOutbox, type OutboxItem, type SendOutcome } from '../../client/src/sync/CommentOutbox.js';
import type { OnlineSignal } from '../../client/src/sync/ports.js';
import { deferred } from '../helpers/fakePeers.js';
import { MemorySpillStorage } from '../helpers/syncMemoryStore.js';
import { testClock } from '../helpers/syncWorld.js';

const JOURNAL = 'journal001';
const ENTRY = 'entry00001';

/** An outbox on in-memory storage whose every send waits for the test to answer it. */
function outboxWorld() {
  const storage = new MemorySpillStorage();
  let online = true;
  const onlineListeners = new Set<() => void>();
  const signal: OnlineSignal = {
    isOnline: () => online,
    subscribe: (listener) => {
      onlineListeners.add(listener);
      return () => onlineListeners.delete(listener);
    },
  };
  const sent: { item: OutboxItem; answer: (outcome: SendOutcome) => void }[] = [];
  const outbox = new CommentOutbox({
    storage,
    clock: testClock,
    online: signal,
    send: (item) => {
      const reply = deferred<SendOutcome>();
      sent.push({ item, answer: reply.resolve });
      return reply.promise;
    },
  });
  const setOnline = (value: boolean) => {
    online = value;
    for (const listener of [...onlineListeners]) listener();
  };
  /** Answers the oldest unanswered send and lets the outbox go on. */
  const answer = async (outcome: SendOutcome) => {
    const next = sent.shift();
    if (!next) throw new Error('nothing was sent');
    next.answer(outcome);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { storage, outbox, sent, setOnline, answer };
}

const reply = (text: string) => ({ type: 'reply', threadId: 'thread0001', commentId: `c-${text}`, text }) as const;

describe('the comment outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one command at a time, in the order they were written, and forgets each once sent', async () => {
    const { outbox, sent, answer } = outboxWorld();
    outbox.setUser('ada0000001');
    outbox.enqueue(JOURNAL, ENTRY, reply('first'));
    outbox.enqueue(JOURNAL, ENTRY, reply('second'));
    expect(sent.map((s) => s.item.command)).toEqual([reply('first')]);
    await answer({ kind: 'sent' });
    expect(sent.map((s) => s.item.command)).toEqual([reply('second')]);
    expect(outbox.pending(JOURNAL, ENTRY).map((item) => item.command)).toEqual([reply('second')]);
    await answer({ kind: 'sent' });
    expect(outbox.pending(JOURNAL, ENTRY)).toEqual([]);
    outbox.dispose();
  });

  it('keeps what cannot get through now, and tries again later and when the network comes back', async () => {
    const { outbox, sent, setOnline, answer } = outboxWorld();
    outbox.setUser('ada0000001');
    outbox.enqueue(JOURNAL, ENTRY, reply('offline'));
    await answer({ kind: 'later' });
    expect(outbox.pending(JOURNAL, ENTRY)).toHaveLength(1);
    expect(sent).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(15_000);
    expect(sent).toHaveLength(1);
    setOnline(false);
    await answer({ kind: 'later' });
    // Offline, the timer finds no network and leaves the queue alone.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(sent).toHaveLength(0);

    setOnline(true);
    expect(sent).toHaveLength(1);
    await answer({ kind: 'sent' });
    expect(outbox.pending(JOURNAL, ENTRY)).toEqual([]);
    outbox.dispose();
  });

  it('drops a refused command and says so, but drops a refused read mark quietly', async () => {
    const { outbox, answer } = outboxWorld();
    const refused: string[] = [];
    outbox.onRefused((item, message) => refused.push(`${item.command.type}: ${message}`));
    outbox.setUser('ada0000001');
    outbox.enqueue(JOURNAL, ENTRY, reply('too long'));
    outbox.enqueue(JOURNAL, ENTRY, { type: 'read', seenAt: 5 });
    await answer({ kind: 'refused', message: 'Too long' });
    await answer({ kind: 'refused', message: 'No such entry' });
    expect(refused).toEqual(['reply: Too long']);
    expect(outbox.pending(JOURNAL, ENTRY)).toEqual([]);
    outbox.dispose();
  });

  it('keeps only the newest read mark of an entry', async () => {
    const { outbox, sent, answer } = outboxWorld();
    outbox.setUser('ada0000001');
    outbox.enqueue(JOURNAL, ENTRY, reply('busy'));
    outbox.enqueue(JOURNAL, ENTRY, { type: 'read', seenAt: 5 });
    outbox.enqueue(JOURNAL, ENTRY, { type: 'read', seenAt: 9 });
    expect(outbox.pending(JOURNAL, ENTRY).map((item) => item.command)).toEqual([reply('busy'), { type: 'read', seenAt: 9 }]);
    await answer({ kind: 'sent' });
    expect(sent.map((s) => s.item.command)).toEqual([{ type: 'read', seenAt: 9 }]);
    await answer({ kind: 'sent' });
    outbox.dispose();
  });

  it('sends a person only their own queue, kept on the device across page loads', async () => {
    const first = outboxWorld();
    first.outbox.setUser('ada0000001');
    first.outbox.enqueue(JOURNAL, ENTRY, reply('from ada'));
    await first.answer({ kind: 'later' });
    first.outbox.dispose();

    // The next page load, on the same storage.
    const storage = first.storage;
    const sent: OutboxItem[] = [];
    const signal: OnlineSignal = { isOnline: () => true, subscribe: () => () => undefined };
    const again = new CommentOutbox({
      storage,
      clock: testClock,
      online: signal,
      send: (item) => {
        sent.push(item);
        return Promise.resolve({ kind: 'sent' });
      },
    });
    again.setUser('ben0000001');
    again.enqueue(JOURNAL, ENTRY, reply('from ben'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((item) => item.command)).toEqual([reply('from ben')]);
    again.setUser('ada0000001');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((item) => item.command)).toEqual([reply('from ben'), reply('from ada')]);
    expect(again.pending(JOURNAL, ENTRY)).toEqual([]);
    again.dispose();
  });
});
