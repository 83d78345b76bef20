import { addDraft, mineRoom, readDrafts } from '#shared/documents/mine.js';
import { newId } from '#shared/model/ids.js';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { formatShortDate } from '../ui/formatDate';
import { useDocVersion } from '../collab/useDocVersion';
import { navigate } from '../routing/history';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';

/**
 * Your private drafts in this journal, on the journal page: only yours, on
 * your devices (the list lives in your own `mine` document), and a way to
 * start one.
 */
export function DraftsCard({ journalId, userId, partnerName }: { journalId: string; userId: string; partnerName: string | null }) {
  const mine = useReadOnlyRoom(mineRoom(journalId, userId));
  useDocVersion(mine?.doc ?? null);
  const drafts = mine ? readDrafts(mine.doc).filter((d) => d.sharedAs === null) : [];

  function startDraft() {
    if (!mine) return;
    const id = newId();
    addDraft(mine.doc, id, Date.now());
    navigate(paths.draft(journalId, id));
  }

  return (
    <section className="drafts-card" aria-labelledby="drafts-heading">
      <div className="drafts-card__head">
        <h2 id="drafts-heading" className="drafts-card__title">
          Your private drafts
        </h2>
        <button type="button" className="button button--quiet button--small" onClick={startDraft} disabled={!mine}>
          Start a private draft
        </button>
      </div>
      {drafts.length === 0 ? (
        <p className="drafts-card__hint">A place to think before sharing. {partnerName ?? 'Your partner'} sees nothing of a draft until you share it.</p>
      ) : (
        <ul className="drafts-card__list" aria-label="Your private drafts">
          {drafts.map((d) => (
            <li key={d.id}>
              <Link to={paths.draft(journalId, d.id)}>{d.title || 'Untitled draft'}</Link> <span className="drafts-card__date">· started {formatShortDate(d.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
