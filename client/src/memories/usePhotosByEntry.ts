import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { photosMap, readPhotoRecords } from '#shared/documents/indexPhotos.js';

/** Entry id → the ids of the photos its body shows now, oldest first. */
export type PhotosByEntry = ReadonlyMap<string, readonly string[]>;

function photosByEntry(doc: Y.Doc): Map<string, string[]> {
  const byEntry = new Map<string, string[]>();
  for (const record of readPhotoRecords(doc)) {
    if (record.shownIn === null) continue;
    byEntry.set(record.shownIn, [...(byEntry.get(record.shownIn) ?? []), record.id]);
  }
  return byEntry;
}

const sameLists = (a: PhotosByEntry, b: PhotosByEntry) =>
  a.size === b.size && [...b].every(([entryId, ids]) => a.get(entryId)?.join() === ids.join());

/**
 * The photos each entry shows, from the index's `photos` map on this device
 * (offline too), kept current as the server records photos and follows the
 * entries that show them. An entry with photos is a memory on the timeline,
 * and On This Day shows their thumbnails.
 */
export function usePhotosByEntry(indexDoc: Y.Doc | null): PhotosByEntry {
  const [byEntry, setByEntry] = useState<PhotosByEntry>(() => new Map());
  useEffect(() => {
    if (!indexDoc) {
      setByEntry(new Map());
      return;
    }
    const photos = photosMap(indexDoc);
    const refresh = () => {
      const next = photosByEntry(indexDoc);
      // The same map while nothing changed, so the timeline does not redo its work for nothing.
      setByEntry((current) => (sameLists(current, next) ? current : next));
    };
    refresh();
    photos.observe(refresh);
    return () => photos.unobserve(refresh);
  }, [indexDoc]);
  return byEntry;
}
