import { useState } from 'react';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { photoThumbUrl } from './photoThumbUrl';

/** How many thumbnails a memory shows; the entry has them all. */
const MAX_THUMBS = 4;

/**
 * A few of an entry's photos as thumbnails, each opening the entry. A
 * thumbnail this device cannot load (offline, never fetched before) steps
 * aside instead of showing a broken picture.
 */
export function PhotoThumbs({ journalId, entryId, photoIds, entryTitle }: { journalId: string; entryId: string; photoIds: readonly string[]; entryTitle: string }) {
  const [failed, setFailed] = useState<ReadonlySet<string>>(() => new Set());
  const shown = photoIds.filter((id) => !failed.has(id)).slice(0, MAX_THUMBS);
  if (shown.length === 0) return null;
  const more = photoIds.length - failed.size - shown.length;
  const label = entryTitle ? `A photo from “${entryTitle}”` : 'A photo from that day';
  return (
    <ul className="photo-thumbs" aria-label="Photos">
      {shown.map((id, i) => (
        <li key={id} className="photo-thumbs__item">
          <Link to={paths.entry(journalId, entryId)} className="photo-thumbs__link" tabIndex={i === 0 ? 0 : -1}>
            <img
              className="photo-thumbs__img"
              src={photoThumbUrl(journalId, id)}
              alt={label}
              loading="lazy"
              decoding="async"
              onError={() => setFailed((current) => new Set(current).add(id))}
            />
            {more > 0 && i === shown.length - 1 && (
              <span className="photo-thumbs__more" aria-label={`and ${more} more`}>
                +{more}
              </span>
            )}
          </Link>
        </li>
      ))}
    </ul>
  );
}
