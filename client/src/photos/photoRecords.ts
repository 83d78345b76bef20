import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { parsePhotoRecord, photosMap, type PhotoRecord } from '#shared/documents/indexPhotos.js';

const noop = () => () => {};

/**
 * One photo's record in the journal index's `photos` map, as it arrives
 * (null until the server has stored the photo). Its arrival is how a device
 * learns that the picture can be fetched, so nobody polls the image's URL.
 */
export function usePhotoRecord(doc: Y.Doc | null, photoId: string): PhotoRecord | null {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!doc) return () => {};
      const map = photosMap(doc);
      map.observe(listener);
      return () => map.unobserve(listener);
    },
    [doc],
  );
  // The JSON text is the snapshot: a string compares by value, so another photo's change re-renders nothing.
  const json = useSyncExternalStore(doc ? subscribe : noop, () => (doc ? photosMap(doc).get(photoId) : undefined));
  return parsePhotoRecord(json);
}
