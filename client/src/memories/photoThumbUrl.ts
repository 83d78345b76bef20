import { routes } from '#shared/api/routes.js';
import { pathOf } from '#shared/api/route.js';

/** Where a stored photo's thumbnail is served (members only: the session cookie goes with an <img> on this origin). */
export function photoThumbUrl(journalId: string, photoId: string): string {
  return pathOf(routes.photoFile, { id: journalId, photoId, size: 'thumb' });
}
