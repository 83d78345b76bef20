import { useId } from 'react';
import { bucketRoom, readItems } from '#shared/documents/bucket.js';
import { useRoomLoaded } from '../collab/useCollabRoom';
import { useDocVersion } from '../collab/useDocVersion';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';

/** Wishes the card shows from the top of the list. */
const PEEK = 3;

/**
 * The bucket list on the journal page: the top few wishes still to do and how
 * many are done, leading to the list. Holding the list's room here also keeps
 * it on this device, so the list opens offline later.
 */
export function BucketCard({ journalId }: { journalId: string }) {
  const room = useReadOnlyRoom(bucketRoom(journalId));
  const loaded = useRoomLoaded(room);
  useDocVersion(room?.doc ?? null);
  const headingId = useId();
  const items = room && loaded ? readItems(room.doc).filter((item) => item.removedAt === null) : [];
  const open = items.filter((item) => item.doneAt === null);
  const doneCount = items.length - open.length;

  return (
    <section className="bucket-card" aria-labelledby={headingId}>
      <p className="eyebrow" id={headingId}>
        Bucket list
      </p>
      {open.length === 0 ? (
        <p className="bucket-card__line">{doneCount > 0 ? 'Everything on your list is done. What next?' : 'Dream up a few things to do together, big or small.'}</p>
      ) : (
        <ul className="bucket-card__peek">
          {open.slice(0, PEEK).map((item) => (
            <li key={item.id}>{item.text.trim() || 'A wish without words yet'}</li>
          ))}
        </ul>
      )}
      <div className="bucket-card__foot">
        <Link to={paths.bucket(journalId)} className="button button--small">
          {items.length === 0 ? 'Start our bucket list' : 'Open our bucket list'}
        </Link>
        {items.length > 0 && (
          <span className="bucket-card__count">
            {open.length} to do{doneCount > 0 ? ` · ${doneCount} done together` : ''}
          </span>
        )}
      </div>
    </section>
  );
}
