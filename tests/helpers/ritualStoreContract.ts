import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/Storage.js';

/**
 * What every backend's ritual store promises (docs/design/rituals.md), as a
 * function of a factory so each backend runs the same rules:
 *  1. a release opens a document from its time on, and one already past is never moved;
 *  2. a release still in the future can be withdrawn, one in the past cannot;
 *  3. a day is revealed, and both answers released, only when every member has answered,
 *     in the same transaction, and only once;
 *  4. a member's first recorded answer stands;
 *  5. the rhythm keeps what is not changed;
 *  6. a note for later releases its document at its time; it can be moved or taken back
 *     only by its writer and only until then (someone else's id tells nothing); it is due
 *     once, until marked delivered.
 */
export function ritualStoreContract(name: string, open: () => Promise<{ storage: Storage; cleanup(): void }>) {
  describe(`${name} ritual store contract`, () => {
    let env: Awaited<ReturnType<typeof open>>;
    let storage: Storage;
    const journalId = 'journal001';
    const [ada, ben] = ['user00000a', 'user00000b'];

    beforeEach(async () => {
      env = await open();
      storage = env.storage;
      for (const id of [ada, ben]) await storage.createUser({ id, name: id, email: `${id}@example.com`, passwordHash: 'x', createdAt: 1 });
      await storage.createJournal({ id: journalId, title: 'Us', ownerId: ada, maxMembers: 2, createdAt: 1 });
    });
    afterEach(async () => {
      await storage.close();
      env.cleanup();
    });

    const answer = (userId: string, day: string, now: number) =>
      storage.rituals.recordAnswer({
        journalId,
        day,
        userId,
        questionId: 'light-001',
        now,
        members: [ada, ben],
        answerDocOf: (member) => `answer-${member}.${day}`,
      });

    it('1-2. opens a document from its release on; only a future release can be taken back', async () => {
      expect(await storage.rituals.releasedAt(journalId, 'note-user00000a.note00001')).toBeNull();
      expect(await storage.rituals.release(journalId, 'note-user00000a.note00001', 5_000, 1_000)).toBe(5_000);
      // Moved while still ahead...
      expect(await storage.rituals.release(journalId, 'note-user00000a.note00001', 3_000, 2_000)).toBe(3_000);
      // ...but once it has happened it stays.
      expect(await storage.rituals.release(journalId, 'note-user00000a.note00001', 9_000, 4_000)).toBe(3_000);
      expect(await storage.rituals.withdrawRelease(journalId, 'note-user00000a.note00001', 4_000)).toBe(false);
      expect(await storage.rituals.releasedAt(journalId, 'note-user00000a.note00001')).toBe(3_000);
      await storage.rituals.release(journalId, 'note-user00000a.note00002', 9_000, 4_000);
      expect(await storage.rituals.withdrawRelease(journalId, 'note-user00000a.note00002', 4_000)).toBe(true);
      expect(await storage.rituals.releasedAt(journalId, 'note-user00000a.note00002')).toBeNull();
    });

    it('3-4. reveals a day, releasing both answers at once, only when both have answered', async () => {
      const first = await answer(ada, '2026-11-29', 100);
      expect(first.revealedAt).toBeNull();
      expect(first.answers.map((a) => a.userId)).toEqual([ada]);
      expect(await storage.rituals.releasedAt(journalId, `answer-${ada}.2026-11-29`)).toBeNull();
      // Answering again changes nothing.
      expect((await answer(ada, '2026-11-29', 150)).answers).toEqual([{ userId: ada, questionId: 'light-001', answeredAt: 100 }]);
      const second = await answer(ben, '2026-11-29', 200);
      expect(second.revealedAt).toBe(200);
      expect(await storage.rituals.releasedAt(journalId, `answer-${ada}.2026-11-29`)).toBe(200);
      expect(await storage.rituals.releasedAt(journalId, `answer-${ben}.2026-11-29`)).toBe(200);
      expect((await answer(ada, '2026-11-29', 300)).revealedAt).toBe(200);
      expect(await storage.rituals.daysAnsweredByAll(journalId)).toBe(1);
      // Another day starts sealed again.
      expect((await answer(ben, '2026-11-30', 400)).revealedAt).toBeNull();
      expect(await storage.rituals.answersOf(journalId, '2026-11-30')).toEqual({ answers: [{ userId: ben, questionId: 'light-001', answeredAt: 400 }], revealedAt: null });
    });

    it('3. never reveals a journal with one member', async () => {
      const alone = await storage.rituals.recordAnswer({
        journalId,
        day: '2026-11-29',
        userId: ada,
        questionId: 'light-001',
        now: 1,
        members: [ada],
        answerDocOf: (member) => `answer-${member}.2026-11-29`,
      });
      expect(alone.revealedAt).toBeNull();
    });

    it('5. keeps the rhythm that is not changed', async () => {
      expect(await storage.rituals.rhythm(journalId)).toEqual({ timeZone: null, checkinDay: 7 });
      await storage.rituals.setRhythm(journalId, { timeZone: 'Europe/Berlin' });
      expect(await storage.rituals.setRhythm(journalId, { checkinDay: 3 })).toEqual({ timeZone: 'Europe/Berlin', checkinDay: 3 });
      expect(await storage.rituals.rhythm(journalId)).toEqual({ timeZone: 'Europe/Berlin', checkinDay: 3 });
    });

    it('6. delivers a note for later at its time, and only its writer can move or take it back before then', async () => {
      const doc = `note-${ada}.note00001`;
      const note = { journalId, noteId: 'note00001', fromUser: ada, emoji: '🌙', docName: doc };
      await storage.rituals.scheduleNote({ ...note, deliverAt: 10_000, now: 1_000 });
      expect(await storage.rituals.releasedAt(journalId, doc)).toBe(10_000);
      expect(await storage.rituals.nextDelivery()).toBe(10_000);
      expect(await storage.rituals.dueNotes(9_999, 10)).toEqual([]);
      // The partner cannot move it or take it back, and learns nothing of it by trying.
      expect(await storage.rituals.scheduleNote({ ...note, fromUser: ben, deliverAt: 2_000, now: 1_500 })).toBeNull();
      expect(await storage.rituals.releasedAt(journalId, doc)).toBe(10_000);
      expect(await storage.rituals.cancelNote(journalId, 'note00001', ben, doc, 1_500)).toBe(false);
      // The writer can move it.
      await storage.rituals.scheduleNote({ ...note, deliverAt: 5_000, now: 2_000 });
      expect(await storage.rituals.releasedAt(journalId, doc)).toBe(5_000);
      const due = await storage.rituals.dueNotes(5_000, 10);
      expect(due.map((n) => [n.noteId, n.emoji, n.deliveredAt])).toEqual([['note00001', '🌙', null]]);
      // Due: it can no longer be taken back or moved later, even before it is announced (its document is open).
      expect(await storage.rituals.cancelNote(journalId, 'note00001', ada, doc, 5_000)).toBe(false);
      expect((await storage.rituals.scheduleNote({ ...note, deliverAt: 60_000, now: 5_000 }))!.deliverAt).toBe(5_000);
      expect(await storage.rituals.releasedAt(journalId, doc)).toBe(5_000);
      await storage.rituals.markDelivered(journalId, 'note00001', 5_001);
      expect(await storage.rituals.dueNotes(6_000, 10)).toEqual([]);
      expect(await storage.rituals.nextDelivery()).toBeNull();
      // A delivered note stays as it was.
      const again = await storage.rituals.scheduleNote({ ...note, deliverAt: 90_000, now: 7_000 });
      expect(again!.deliveredAt).toBe(5_001);
      expect(await storage.rituals.releasedAt(journalId, doc)).toBe(5_000);
      // A note not yet due can be taken back, and its document closes again.
      const later = `note-${ada}.note00002`;
      await storage.rituals.scheduleNote({ ...note, noteId: 'note00002', docName: later, deliverAt: 50_000, now: 7_000 });
      expect(await storage.rituals.cancelNote(journalId, 'note00002', ada, later, 8_000)).toBe(true);
      expect(await storage.rituals.releasedAt(journalId, later)).toBeNull();
      expect((await storage.rituals.notesOf(journalId)).map((n) => n.noteId)).toEqual(['note00001']);
    });
  });
}
