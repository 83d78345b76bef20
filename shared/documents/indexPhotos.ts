import type * as Y from 'yjs';
import { isValidId } from '../model/ids.js';

/**
 * The journal index's `photos` map (docs/design/memories.md, "Photos"): photo
 * id → the photo's record as JSON text, written only by the server when a
 * photo is stored and when the entries that show it change. A partner's
 * device learns of a new photo from it, and the Memories view and On This Day
 * read it, offline too, without asking the server.
 */
export const PHOTOS_FIELD = 'photos';

/** A stored photo as the index tells it. */
export interface PhotoRecord {
  /** The entry the photo was added to, as its uploader said (null when not said). */
  entryId: string | null;
  /** Who uploaded it (user id). */
  by: string;
  /** When it was stored (ms since 1970). */
  at: number;
  /** Its size after the orientation was applied, in pixels (the `full` size's). */
  width: number;
  height: number;
  /** The entry whose body holds the photo now; null once no entry does (removed, or not yet synced). */
  shownIn: string | null;
}

/** The map of photo records, to observe; read values with `readPhotoRecord` or `readPhotoRecords`. */
export function photosMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PHOTOS_FIELD);
}

const isId = (value: unknown): value is string => typeof value === 'string' && isValidId(value);
const isIdOrNull = (value: unknown): value is string | null => value === null || isId(value);
const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;

/** A record as stored (JSON text); null for anything that is not one. */
export function parsePhotoRecord(json: unknown): PhotoRecord | null {
  if (typeof json !== 'string') return null;
  let value: Partial<Record<keyof PhotoRecord, unknown>>;
  try {
    value = JSON.parse(json) as typeof value;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { entryId, by, at, width, height, shownIn } = value;
  if (!isIdOrNull(entryId) || !isId(by) || typeof at !== 'number' || !isSize(width) || !isSize(height) || !isIdOrNull(shownIn)) return null;
  return { entryId, by, at, width, height, shownIn };
}

/** One photo's record; null while the photo is not stored (or the record is damaged). */
export function readPhotoRecord(doc: Y.Doc, photoId: string): PhotoRecord | null {
  return parsePhotoRecord(photosMap(doc).get(photoId));
}

/** Every stored photo's record with its id, oldest first. */
export function readPhotoRecords(doc: Y.Doc): (PhotoRecord & { id: string })[] {
  const records: (PhotoRecord & { id: string })[] = [];
  for (const [id, json] of photosMap(doc).entries()) {
    const record = isValidId(id) ? parsePhotoRecord(json) : null;
    if (record) records.push({ id, ...record });
  }
  return records.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

// ---- Writing (server only; the relay refuses members' changes to the map) ----

/** Stores a photo's record; writes nothing when the index already holds exactly this. */
export function writePhotoRecord(doc: Y.Doc, photoId: string, record: PhotoRecord): void {
  const json = JSON.stringify(record);
  const photos = photosMap(doc);
  if (photos.get(photoId) !== json) photos.set(photoId, json);
}

/**
 * Makes `shownIn` follow one entry's body: the photos it shows now say so,
 * and those that said so but are no longer in it say null (unless another
 * entry has claimed them meanwhile). Photos not in this index (another
 * journal's, or not yet uploaded) are left alone. Answers how many changed.
 */
export function followEntryPhotos(doc: Y.Doc, entryId: string, shown: readonly string[]): number {
  const photos = photosMap(doc);
  const inEntry = new Set(shown);
  // Records are JSON written by `writePhotoRecord`, so one shown in this entry holds this text:
  // a search that spares parsing every record of a journal with years of photos.
  const claim = `"shownIn":${JSON.stringify(entryId)}`;
  let changed = 0;
  doc.transact(() => {
    for (const [photoId, json] of photos.entries()) {
      if (!inEntry.has(photoId) && !(typeof json === 'string' && json.includes(claim))) continue;
      const record = parsePhotoRecord(json);
      if (!record) continue;
      const shownIn = inEntry.has(photoId) ? entryId : record.shownIn === entryId ? null : record.shownIn;
      if (shownIn === record.shownIn) continue;
      photos.set(photoId, JSON.stringify({ ...record, shownIn }));
      changed++;
    }
  });
  return changed;
}
