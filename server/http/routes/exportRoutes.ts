import { exportPaths, exportRoutes as routes } from '#shared/api/exportRoutes.js';
import type { ArchiveView } from '#shared/api/exportTypes.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { RateLimiter } from '../../auth/RateLimiter.js';
import type { FarewellArchives } from '../../export/FarewellArchives.js';
import { archiveFileName, type JournalExports } from '../../export/JournalExports.js';
import type { JournalImports } from '../../import/JournalImports.js';
import type { ArchiveRecord } from '../../storage/ArchiveStore.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';
import { requireMembership } from './journalRoutes.js';

/** Exports one person may start in an hour: enough to retry a failed download many times, not to load the server with zips. */
export const EXPORTS_PER_HOUR = 10;

function zipHeaders(fileName: string): Record<string, string> {
  return { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' };
}

function viewOf(record: ArchiveRecord): ArchiveView {
  return {
    id: record.id,
    journalTitle: record.journalTitle,
    reason: record.reason,
    removedByName: record.removedByName,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    bytes: record.bytes,
    noticeSeen: record.noticeSeenAt !== null,
    url: exportPaths.archive(record.id),
  };
}

/**
 * Export (members only), import, and the copies former members keep. The
 * zips are streamed (Reply.stream), so they are registered on the router
 * directly rather than as JSON routes.
 */
export function exportRoutes(app: AppContext, router: Router, deps: { exports: JournalExports; farewells: FarewellArchives; imports: JournalImports }): void {
  const limiter = new RateLimiter(EXPORTS_PER_HOUR, 60 * 60 * 1000, app.now);
  const running = new Set<string>();

  router.add('GET', '/api/journals/:id/export', async ({ req, params }) => {
    const { user } = await requireUser(app, req);
    const { journal } = await requireMembership(app, params.id, user.id);
    if (running.has(user.id)) {
      throw new HttpError(429, 'export_busy', 'Your journal is already being downloaded. Wait for that download to finish, then try again.', { 'retry-after': '10' });
    }
    const wait = limiter.check(user.id);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      throw new HttpError(429, 'export_rate_limited', `You have downloaded your journal ${EXPORTS_PER_HOUR} times this hour. You can download it again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
        'retry-after': String(wait),
      });
    }
    limiter.record(user.id);
    running.add(user.id);
    try {
      const stream = await deps.exports.archive(journal, user.id);
      stream.once('close', () => running.delete(user.id));
      return { status: 200, stream, headers: zipHeaders(archiveFileName(journal.title)) };
    } catch (error) {
      running.delete(user.id);
      app.log.error('could not start an export', { journalId: journal.id, error: String(error) });
      throw new HttpError(500, 'export_failed', 'We could not put your journal together just now. Nothing was changed; try again in a minute.');
    }
  });

  serveRoute(router, routes.archives, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const now = app.now();
    const archives = (await deps.farewells.store.listFor(user.id)).filter((a) => a.expiresAt > now);
    return { status: 200, body: { archives: archives.map(viewOf) } };
  });

  // Only the person it was made for; anyone else is told it does not exist.
  const ownArchive = async (userId: string, archiveId: string): Promise<ArchiveRecord> => {
    const record = await deps.farewells.store.get(archiveId);
    if (!record || record.userId !== userId) throw new HttpError(404, 'archive_not_found', 'There is no such copy of a journal in your account.');
    if (record.expiresAt <= app.now()) throw new HttpError(410, 'archive_expired', 'This copy was kept for 30 days and has now been deleted.');
    return record;
  };

  router.add('GET', '/api/me/archives/:archiveId', async ({ req, params }) => {
    const { user } = await requireUser(app, req);
    const record = await ownArchive(user.id, params.archiveId);
    const stream = await deps.farewells.store.open(record.id);
    if (!stream) throw new HttpError(404, 'archive_not_found', 'There is no such copy of a journal in your account.');
    return { status: 200, stream, headers: { ...zipHeaders(archiveFileName(record.journalTitle)), 'content-length': String(record.bytes) } };
  });

  serveRoute(router, routes.seeArchiveNotice, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { params } = await ctx.input();
    await ownArchive(user.id, params.archiveId);
    await deps.farewells.store.markNoticeSeen(params.archiveId, app.now());
    return { status: 204 };
  });

  serveRoute(router, routes.importJournal, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const journal = await deps.imports.importFrom(ctx.req, user);
    return { status: 201, body: { journal } };
  });
}
