import type { ArchiveView } from './exportTypes.js';
import { id } from './requests.js';
import { route } from './route.js';
import type { Journal } from './types.js';

/**
 * Export, import and the copies former members keep (docs/design/export.md).
 * The zip downloads (`GET /api/journals/:id/export`, `GET /api/me/archives/:archiveId`)
 * are plain links, not JSON calls: their paths are here for both sides.
 */
export const exportPaths = {
  journalExport: (journalId: string) => `/api/journals/${encodeURIComponent(journalId)}/export`,
  archive: (archiveId: string) => `/api/me/archives/${encodeURIComponent(archiveId)}`,
};

export const exportRoutes = {
  archives: route<{ archives: ArchiveView[] }>()({ method: 'GET', path: '/api/me/archives', status: 200 }),
  seeArchiveNotice: route<void>()({ method: 'PUT', path: '/api/me/archives/:archiveId/seen', status: 204, params: { archiveId: id('The archive id') } }),
  /** The body is a journal.json (read by the route itself, up to 64 MiB) from an export, checked by server/import/journalFileSchema.ts. */
  importJournal: route<{ journal: Journal }>()({ method: 'POST', path: '/api/journals/import', status: 201 }),
} as const;
