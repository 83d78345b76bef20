import type { ArchiveView } from '#shared/api/exportTypes.js';
import { useState } from 'react';
import { errorMessage } from '../api/ApiError';
import { FormError } from '../ui/FormError';
import { formatShortDate } from '../ui/formatDate';
import { useAsync } from '../ui/useAsync';
import { exportApi } from './exportApi';

const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * On the home page: the journals you left (or were removed from) and the copy
 * of each you took with you, for 30 days. Someone removed by their partner is
 * told so here, once, kindly, with the download right there: `part="notice"`
 * goes at the top of the page, `part="list"` at the bottom.
 */
export function FormerMemberCopies({ part }: { part: 'notice' | 'list' }) {
  const { state, reload } = useAsync(() => exportApi.archives(), 'archives');
  if (state.status !== 'ready' || state.data.archives.length === 0) return null;
  const { archives } = state.data;
  if (part === 'notice') {
    return archives
      .filter((a) => a.reason === 'removed' && !a.noticeSeen)
      .map((archive) => <RemovedNotice key={archive.id} archive={archive} onSeen={reload} />);
  }
  return (
    <>
      <section className="panel copies" aria-labelledby="copies-heading">
        <h2 id="copies-heading" className="panel__title">
          Journals you took with you
        </h2>
        <ul className="copies__list">
          {archives.map((archive) => (
            <li key={archive.id} className="copies__item">
              <span>
                <strong>{archive.journalTitle}</strong>
                <span className="muted small">
                  {' '}
                  · as it was on {formatShortDate(archive.createdAt)} · {megabytes(archive.bytes)} · until {formatShortDate(archive.expiresAt)}
                </span>
              </span>
              <a className="button button--quiet button--small" href={archive.url} download>
                Download
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function RemovedNotice({ archive, onSeen }: { archive: ArchiveView; onSeen: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function seen() {
    setBusy(true);
    try {
      await exportApi.seeArchiveNotice(archive.id);
      onSeen();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }
  return (
    <div className="notice removed-notice" role="status" data-testid="removed-notice">
      <p>
        <strong>{archive.removedByName ?? 'Your partner'}</strong> removed you from “{archive.journalTitle}” on {formatShortDate(archive.createdAt)}. You
        can't open it any more, but your words are still yours: here is the journal as it was then, to keep. It stays here until{' '}
        {formatShortDate(archive.expiresAt)}.
      </p>
      <p className="removed-notice__actions">
        <a className="button button--small" href={archive.url} download>
          Download the journal
        </a>
        <button type="button" className="button button--quiet button--small" onClick={seen} disabled={busy}>
          I understand
        </button>
      </p>
      <FormError message={error} />
    </div>
  );
}
