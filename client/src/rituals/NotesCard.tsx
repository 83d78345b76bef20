import { mineRoom, openedNotes } from '#shared/documents/mine.js';
import { readDeliveredNotes } from '#shared/documents/rituals.js';
import { useRoomLoaded } from '../collab/useCollabRoom';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { useDocVersion } from '../collab/useDocVersion';
import { useRituals } from './useRituals';

/**
 * On the journal page: a note from the partner waits here until it is
 * opened; otherwise a quiet invitation to leave one.
 */
export function NotesCard({ journalId, userId, partnerName }: { journalId: string; userId: string; partnerName: string | null }) {
  const { doc, known } = useRituals(journalId);
  const mine = useReadOnlyRoom(mineRoom(journalId, userId));
  const mineLoaded = useRoomLoaded(mine);
  useDocVersion(mine?.doc ?? null);
  // Both must be known, or a note opened on this device would flash as new while its record loads.
  if (!doc || !known || !mine || !mineLoaded) return null;
  const opened = openedNotes(mine.doc);
  const unread = readDeliveredNotes(doc).filter((n) => n.from !== userId && !opened.has(n.id));
  const name = partnerName ?? 'your partner';
  if (unread.length > 0) {
    return (
      <Link to={paths.notes(journalId)} className="notes-card notes-card--unread" data-testid="unread-notes">
        <span className="notes-card__emoji" aria-hidden="true">
          {unread[0].emoji}
        </span>
        <span>
          {unread.length === 1 ? `${name} left you a note.` : `${name} left you ${unread.length} notes.`} <strong>Open</strong>
        </span>
      </Link>
    );
  }
  return (
    <Link to={paths.notes(journalId)} className="notes-card">
      <span className="notes-card__emoji" aria-hidden="true">
        🤍
      </span>
      <span>{partnerName ? `Leave ${partnerName} a note, or read your notes.` : 'Love notes'}</span>
    </Link>
  );
}
