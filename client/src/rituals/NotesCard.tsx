import { mineRoom, openedNotes } from '#shared/documents/mine.js';
import { readDeliveredNotes } from '#shared/documents/rituals.js';
import { useRoomContentKnown } from '../collab/useCollabRoom';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { useDocVersion } from './useDocVersion';
import { useRituals } from './useRituals';

/**
 * On the journal page: a note from the partner waits here until it is
 * opened; otherwise a quiet invitation to leave one.
 */
export function NotesCard({ journalId, userId, partnerName }: { journalId: string; userId: string; partnerName: string | null }) {
  const { doc } = useRituals(journalId);
  const mine = useReadOnlyRoom(mineRoom(journalId, userId));
  useDocVersion(mine?.doc ?? null);
  // Until this device's copy of what was opened is read, an opened note would show as new for a moment.
  const mineKnown = useRoomContentKnown(mine);
  if (!doc) return null;
  const opened = mine && mineKnown ? openedNotes(mine.doc) : null;
  const unread = opened ? readDeliveredNotes(doc).filter((n) => n.from !== userId && !opened.has(n.id)) : [];
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
