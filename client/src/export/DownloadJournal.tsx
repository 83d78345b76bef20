import { exportPaths } from '#shared/api/exportRoutes.js';

/**
 * "Download our journal": the whole journal as a zip (every entry as a text
 * file, one printable page, the photos), free, any time, for either of you.
 * A plain link: the browser saves it as it streams.
 */
export function DownloadJournal({ journalId }: { journalId: string }) {
  return (
    <p className="download-journal">
      <a className="button button--quiet button--small" href={exportPaths.journalExport(journalId)} download data-testid="download-journal">
        Download our journal
      </a>
      <span className="muted small"> Every entry, a printable page and the photos, yours to keep.</span>
    </p>
  );
}
