import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { isValidId } from '#shared/model/ids.js';

/**
 * The journal index's `photos` map, written only by the server once a photo
 * is stored (docs/design/memories.md, "Photos"): photo id → JSON
 * `{entryId, by, at, width, height, shownIn}`. Its arrival is how a device
 * learns that the picture can be fetched, so nobody polls the image's URL.
 */
export const PHOTOS_FIELD = 'photos';

export interface PhotoRecord {
  id: string;
  entryId: string;
  by: string;
  at: number;
  width: number;
  height: number;
  /** The entry whose text shows the photo now; null once none does. */
  shownIn: string | null;
}

export function parsePhotoRecord(id: string, json: unknown): PhotoRecord | null {
  if (!isValidId(id) || typeof json !== 'string') return null;
  try {
    const value = JSON.parse(json) as Partial<PhotoRecord>;
    if (typeof value.entryId !== 'string' || typeof value.at !== 'number') return null;
    return {
      id,
      entryId: value.entryId,
      by: typeof value.by === 'string' ? value.by : '',
      at: value.at,
      width: typeof value.width === 'number' ? value.width : 0,
      height: typeof value.height === 'number' ? value.height : 0,
      shownIn: typeof value.shownIn === 'string' ? value.shownIn : null,
    };
  } catch {
    return null;
  }
}

export function photosMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PHOTOS_FIELD);
}

export function readPhotoRecords(doc: Y.Doc): PhotoRecord[] {
  const records: PhotoRecord[] = [];
  for (const [id, json] of photosMap(doc).entries()) {
    const record = parsePhotoRecord(id, json);
    if (record) records.push(record);
  }
  return records;
}

const noop = () => () => {};

/** One photo's record as it arrives in the index (null until the server has stored it). */
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
  // The JSON text is the snapshot: a string compares by value, so an unrelated change re-renders nothing.
  const json = useSyncExternalStore(doc ? subscribe : noop, () => (doc ? photosMap(doc).get(photoId) : undefined));
  return json === undefined ? null : parsePhotoRecord(photoId, json);
}
