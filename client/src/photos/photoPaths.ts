import type { PhotoSize } from '#shared/model/photoSizes.js';

const base = (journalId: string, photoId: string) => `/api/journals/${encodeURIComponent(journalId)}/photos/${encodeURIComponent(photoId)}`;

/** Where a photo is uploaded (PUT, multipart: shared/api/routes.ts `uploadPhoto`). */
export const photoUploadPath = base;

/** Where one size of a stored photo is served (`photoFile`), to members only: the session cookie goes with an <img> on the same origin. */
export function photoUrl(journalId: string, photoId: string, size: PhotoSize): string {
  return `${base(journalId, photoId)}/${size}`;
}
