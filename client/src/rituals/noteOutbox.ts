import { ApiError } from '../api/ApiError';
import { pendingKey } from '../local/pendingCalls';
import { notesApi } from './ritualsApi';

/**
 * Notes whose "Send" was pressed but not yet accepted by the server (offline,
 * or the words not stored yet), kept in this browser until they are. The
 * note's words are already in its own document on this device; this only
 * remembers when it should be delivered.
 */
export interface PendingNote {
  noteId: string;
  emoji: string;
  deliverAt: number;
}

const keyOf = (journalId: string, noteId: string) => pendingKey('send-note', journalId, noteId);

export function queueNote(journalId: string, note: PendingNote): void {
  localStorage.setItem(keyOf(journalId, note.noteId), JSON.stringify(note));
}

export function pendingNotes(journalId: string): PendingNote[] {
  const notes: PendingNote[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(pendingKey('send-note', journalId, ''))) continue;
    try {
      const value = JSON.parse(localStorage.getItem(key) ?? '') as PendingNote;
      if (typeof value.noteId === 'string' && typeof value.emoji === 'string' && typeof value.deliverAt === 'number') notes.push(value);
    } catch {
      localStorage.removeItem(key);
    }
  }
  return notes;
}

export function forgetNote(journalId: string, noteId: string): void {
  localStorage.removeItem(keyOf(journalId, noteId));
}

/**
 * Tries every pending note once. A note the server refuses for good (too far
 * ahead, not an emoji) is dropped and reported; one it cannot take yet (its
 * words have not arrived, or Duet is unreachable) stays for the next try.
 */
export async function flushNotes(journalId: string, onRefused: (message: string) => void): Promise<number> {
  let left = 0;
  for (const note of pendingNotes(journalId)) {
    try {
      await notesApi.send(journalId, note.noteId, note.emoji, note.deliverAt);
      forgetNote(journalId, note.noteId);
    } catch (error) {
      const retry = !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.code === 'empty_note' || error.status === 429;
      if (retry) left++;
      else {
        forgetNote(journalId, note.noteId);
        onRefused(error.message);
      }
    }
  }
  return left;
}
