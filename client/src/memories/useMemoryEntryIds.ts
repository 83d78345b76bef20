import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The index's map of photos (photo id → JSON record), written by the server (docs/design/memories.md, Photos). */
const PHOTOS_FIELD = 'photos';

function entriesShowingPhotos(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const value of doc.getMap<unknown>(PHOTOS_FIELD).values()) {
    if (typeof value !== 'string') continue;
    try {
      const record = JSON.parse(value) as { shownIn?: unknown };
      if (typeof record.shownIn === 'string') ids.add(record.shownIn);
    } catch {
      // A damaged record names no entry.
    }
  }
  return ids;
}

/**
 * The entries that are memories: those whose body shows a photo now, read
 * from the index on this device (offline too) and kept current as photos
 * come and go.
 */
export function useMemoryEntryIds(indexDoc: Y.Doc | null): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    if (!indexDoc) {
      setIds(new Set());
      return;
    }
    const photos = indexDoc.getMap<unknown>(PHOTOS_FIELD);
    const refresh = () => {
      const next = entriesShowingPhotos(indexDoc);
      // Keep the same set while nothing changed, so the timeline does not re-sort for nothing.
      setIds((current) => (current.size === next.size && [...next].every((id) => current.has(id)) ? current : next));
    };
    refresh();
    photos.observe(refresh);
    return () => photos.unobserve(refresh);
  }, [indexDoc]);
  return ids;
}
