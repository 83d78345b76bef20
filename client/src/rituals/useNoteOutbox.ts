import { useCallback, useEffect, useState } from 'react';
import { showToast } from '../toast/toastStore';
import { flushNotes, pendingNotes, queueNote, type PendingNote } from './noteOutbox';

/** How often pending notes are tried again while a page that shows notes is open. */
const RETRY_MS = 10_000;

/**
 * Sends the notes this device has waiting: at once, when the network comes
 * back, and every few seconds while some wait. Returns `send` to queue a new
 * one and the ids still waiting, so the page can say "sends when you're online".
 */
export function useNoteOutbox(journalId: string) {
  const [waiting, setWaiting] = useState(() => pendingNotes(journalId).map((n) => n.noteId));
  const refresh = useCallback(() => setWaiting(pendingNotes(journalId).map((n) => n.noteId)), [journalId]);

  const flush = useCallback(async () => {
    await flushNotes(journalId, (message) => showToast({ message }));
    refresh();
  }, [journalId, refresh]);

  useEffect(() => {
    const onOnline = () => void flush();
    onOnline();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [flush]);

  useEffect(() => {
    if (waiting.length === 0) return;
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting.length, flush]);

  const send = useCallback(
    (note: PendingNote) => {
      queueNote(journalId, note);
      refresh();
      void flush();
    },
    [journalId, flush, refresh],
  );
  return { send, waiting, flush };
}
