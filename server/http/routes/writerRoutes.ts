import { routes } from '#shared/api/routes.js';
import { entryRoom } from '#shared/documents/entry.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import { requireMembership } from './journalRoutes.js';

/**
 * Who wrote what in an entry: the relay ties each Yjs client id to the member
 * whose session first wrote with it (and refuses anyone else's writes under
 * it), so this map is the server's word, not what a client claims.
 */
export function writerRoutes(app: AppContext, router: Router): void {
  serveRoute(router, routes.entryWriters, async ({ req, params, input }) => {
    const { user } = await requireUser(app, req);
    const { params: checked } = await input();
    await requireMembership(app, params.id, user.id);
    const stored = await app.storage.loadDoc(entryRoom(params.id, checked.entryId));
    const writers: Record<string, string> = {};
    for (const [client, userId] of stored.owners) writers[String(client)] = userId;
    return { body: { writers } };
  });
}
