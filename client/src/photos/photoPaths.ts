/** The three sizes the server keeps of each photo (docs/design/memories.md, "Photos"). */
export type PhotoSize = 'full' | 'display' | 'thumb';

const base = (journalId: string, photoId: string) => `/api/journals/${encodeURIComponent(journalId)}/photos/${encodeURIComponent(photoId)}`;

/** Where a photo is uploaded (PUT, multipart). */
export const photoUploadPath = base;

/** Where one size of a stored photo is served, to members only (the session cookie goes with an <img> on the same origin). */
export function photoUrl(journalId: string, photoId: string, size: PhotoSize): string {
  return `${base(journalId, photoId)}/${size}`;
}
