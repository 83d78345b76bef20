import { useEffect, useState } from 'react';
import { NOTE_TEXT_FIELD, noteRoom } from '#shared/documents/note.js';
import { useHasSynced, useRoomLoaded } from '../collab/useCollabRoom';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';

/** A note's words, read from its own document (kept on this device once read, for offline). */
export function NoteText({ journalId, writerId, noteId, onShown }: { journalId: string; writerId: string; noteId: string; onShown?: () => void }) {
  const room = useReadOnlyRoom(noteRoom(journalId, writerId, noteId));
  const synced = useHasSynced(room);
  const loaded = useRoomLoaded(room);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!room) return;
    const ytext = room.doc.getText(NOTE_TEXT_FIELD);
    const update = () => setText(ytext.toString());
    update();
    ytext.observe(update);
    return () => ytext.unobserve(update);
  }, [room]);
  const shown = text !== '';
  useEffect(() => {
    if (shown) onShown?.();
  }, [shown, onShown]);
  if (!shown) return <p className="note__text note__text--waiting">{synced && loaded ? 'This note has no words.' : 'Opening the note…'}</p>;
  return <p className="note__text">{text}</p>;
}
