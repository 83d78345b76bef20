import { routes } from '#shared/api/routes.js';
import { callRoute } from '../api/callRoute';

/** Date nights' calls, typed from their declarations in shared/api/routes.ts. */
export const dateNightApi = {
  announce: (journalId: string, nightId: string) => callRoute(routes.announceNight, { params: { id: journalId, nightId } }),
  end: (journalId: string, nightId: string) => callRoute(routes.endNight, { params: { id: journalId, nightId } }),
};
