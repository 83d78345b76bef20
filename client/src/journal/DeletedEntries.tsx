import type { EntrySummary } from '#shared/documents/journalIndex.js';
import { entryDisplayTitle } from './entryDisplayTitle';
import { formatDateTime } from '../ui/formatDate';

/** Soft-deleted entries, restorable long after the undo toast is gone. */
export function DeletedEntries({ entries, onRestore }: { entries: EntrySummary[]; onRestore: (entryId: string) => void }) {
  if (entries.length === 0) return null;
  const recent = [...entries].sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
  return (
    <details className="deleted">
      <summary className="deleted__summary">Recently deleted ({entries.length})</summary>
      <ul className="deleted__list" aria-label="Deleted entries">
        {recent.map((entry) => (
          <li key={entry.id} className="deleted__item">
            <span>
              <span className="deleted__title">{entryDisplayTitle(entry.title)}</span>
              {entry.deletedAt !== null && <span className="muted small"> · deleted {formatDateTime(entry.deletedAt)}</span>}
            </span>
            <button
              type="button"
              className="button button--quiet button--small"
              aria-label={`Restore “${entryDisplayTitle(entry.title)}”`}
              onClick={() => onRestore(entry.id)}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
