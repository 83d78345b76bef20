import type * as Y from 'yjs';
import { setHeart, type EntryAuthor } from '#shared/documents/journalIndex.js';

/**
 * A heart on an entry: yours to give or take back, and the partner's shown
 * beside it, live (it is in the journal index, offline too).
 */
export function EntryHeart({
  indexDoc,
  entryId,
  title,
  hearts,
  userId,
  partner,
}: {
  indexDoc: Y.Doc | null;
  entryId: string;
  title: string;
  hearts: string[];
  userId: string;
  partner: EntryAuthor | null;
}) {
  const mine = hearts.includes(userId);
  const theirs = partner !== null && hearts.includes(partner.id);
  return (
    <p className="entry-heart">
      <button
        type="button"
        className="entry-heart__button"
        aria-pressed={mine}
        aria-label={`Love “${title}”`}
        disabled={!indexDoc}
        onClick={() => indexDoc && setHeart(indexDoc, entryId, userId, !mine)}
      >
        <span aria-hidden="true">{mine ? '♥' : '♡'}</span>
      </button>
      {theirs && (
        <span className="entry-heart__theirs">
          <span aria-hidden="true" className="entry-heart__mark">
            ♥
          </span>{' '}
          {partner.name} loves this
        </span>
      )}
    </p>
  );
}
