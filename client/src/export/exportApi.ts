import { exportRoutes } from '#shared/api/exportRoutes.js';
import { callRoute } from '../api/callRoute';

/** The copies a former member took with them (docs/design/export.md). Downloads are plain links. */
export const exportApi = {
  archives: () => callRoute(exportRoutes.archives, {}),
  seeArchiveNotice: (archiveId: string) => callRoute(exportRoutes.seeArchiveNotice, { params: { archiveId } }),
};
