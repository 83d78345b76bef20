import { useMemo } from 'react';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { useCollabRoom, useRoomContentKnown } from '../collab/useCollabRoom';
import { useDocVersion } from '../collab/useDocVersion';
import { entryDisplayTitle } from '../journal/entryDisplayTitle';
import { useEntries } from '../journal/useEntries';
import { photoUrl } from '../photos/photoPaths';
import { usePhotoQueue, useQueueVersion } from '../photos/PhotoQueueContext';
import { readPhotoRecords } from '#shared/documents/indexPhotos.js';
import { useBlobUrl } from '../photos/useBlobUrl';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { useSession } from '../session/SessionContext';
import { formatDay } from '../ui/formatDate';
import { PageState } from '../ui/PageState';
import { usePageTitle } from '../ui/usePageTitle';
import { formatMonth, memoriesByMonth, type Memory } from './memoriesByMonth';

/**
 * /journals/:id/memories: every photo the couple keeps in their entries, by
 * month, each leading to its entry. Read from the journal index's `photos`
 * map (and the photos still waiting on this device), so it opens offline
 * from what the device has. There is no map: Duet never keeps where a photo
 * was taken (docs/design/memories.md).
 */
export function MemoriesPage({ journalId }: { journalId: string }) {
  usePageTitle('Memories');
  const { session } = useSession();
  const journalTitle = session.status === 'authenticated' ? (session.journals.find((j) => j.id === journalId)?.title ?? null) : null;
  const room = useCollabRoom(indexRoom(journalId));
  const known = useRoomContentKnown(room);
  const doc = room?.doc ?? null;
  const version = useDocVersion(doc);
  const entries = useEntries(doc);
  const queue = usePhotoQueue();
  const queueVersion = useQueueVersion();

  const months = useMemo(() => {
    const records = doc ? readPhotoRecords(doc) : [];
    const onServer = new Set(records.map((record) => record.id));
    const photos = records.map((record) => ({ photoId: record.id, entryId: record.shownIn, at: record.at, local: null as Blob | null }));
    // Picked here and not on the server yet: shown from this device, in the entry it was added to.
    for (const { upload, state } of queue.list(journalId)) {
      if (onServer.has(upload.photoId) || state.phase === 'refused') continue;
      photos.push({ photoId: upload.photoId, entryId: upload.entryId, at: upload.addedAt, local: upload.blob });
    }
    return memoriesByMonth(photos, entries);
    // version and queueVersion say when the index and the queue changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, version, entries, queue, queueVersion, journalId]);

  if (!known) return <PageState title="Opening your memories…" loading />;
  const count = months.reduce((sum, month) => sum + month.memories.length, 0);
  return (
    <div className="memories">
      <div className="entry__bar">
        <Link to={paths.journal(journalId)} className="back-link">
          <span aria-hidden="true">← </span>
          {journalTitle ?? 'Journal'}
        </Link>
      </div>
      <header className="page-header">
        <div>
          <h1 className="page-title">Memories</h1>
          {count > 0 && <p className="memories__lede">{`${count === 1 ? 'One photo' : `${count} photos`} from your entries, month by month.`}</p>}
        </div>
      </header>
      {count === 0 ? (
        <p className="empty-note">
          No photos yet. Add one to any entry with the photo button in its toolbar (or drop it onto the text), and it shows here for you both.
        </p>
      ) : (
        months.map(({ month, memories }) => (
          <section key={month} className="memories__month" aria-labelledby={`month-${month}`}>
            <h2 id={`month-${month}`} className="memories__month-title">
              {formatMonth(month)}
            </h2>
            <ul className="memories__grid" aria-label={`Photos from ${formatMonth(month)}`}>
              {memories.map((memory) => (
                <li key={memory.photoId}>
                  <MemoryThumb journalId={journalId} memory={memory} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function MemoryThumb({ journalId, memory }: { journalId: string; memory: Memory }) {
  const local = useBlobUrl(memory.local ?? undefined);
  const src = memory.local ? local : photoUrl(journalId, memory.photoId, 'thumb');
  const title = entryDisplayTitle(memory.entry.title);
  const label = `${title}, ${formatDay(memory.entry.date)}`;
  return (
    <Link to={paths.entry(journalId, memory.entry.id)} className="memories__thumb" title={label}>
      {src ? <img src={src} alt={`Photo from “${label}”`} loading="lazy" /> : <span className="memories__thumb-wait" aria-label={`Photo from “${label}”`} />}
    </Link>
  );
}
