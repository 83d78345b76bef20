import { useId, useState } from 'react';
import type * as Y from 'yjs';
import type { EntrySummary } from '#shared/documents/journalIndex.js';
import { readDayStatus, revealedDays } from '#shared/documents/rituals.js';
import { groupByRecall, type Recall } from '#shared/memories/onThisDay.js';
import { localDay, type LocalDay } from '#shared/rituals/calendar.js';
import { questionById } from '#shared/rituals/questionLibrary.js';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { coupleToday, deviceTimeZone } from '../rituals/dayQuestion';
import { useNow } from '../rituals/useNow';
import { useRituals } from '../rituals/useRituals';
import { formatDay } from '../ui/formatDate';
import { AnswerSnippet } from './AnswerSnippet';
import { PhotoThumbs } from './PhotoThumbs';
import { usePhotosByEntry } from './usePhotosByEntry';

type Recalled = { kind: 'entry'; date: LocalDay; entry: EntrySummary; photoIds: readonly string[] } | { kind: 'answer'; date: LocalDay; questionText: string };

const NUMBER_WORDS = ['', 'A', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];

/** "A year ago today", "Two years ago today", "A month ago today". */
function recallTitle(recall: Recall): string {
  if (recall.kind === 'month') return 'A month ago today';
  const count = NUMBER_WORDS[recall.years] ?? String(recall.years);
  return `${count} ${recall.years === 1 ? 'year' : 'years'} ago today`;
}

/**
 * On the journal page: what the two of you wrote on this day one, two, …
 * years ago, and a month ago: entries with their photos, and the questions
 * you both answered with both answers. Read from what this device holds, so it works offline.
 * Nothing shows on a day with nothing to bring back.
 *
 * The nearest memory stands open; the rest fold under one line, so on a
 * phone the card stays short above the question and the timeline.
 */
export function OnThisDayCard({
  journalId,
  entries,
  indexDoc,
  userId,
  partner,
}: {
  journalId: string;
  /** Live entries from the journal index. */
  entries: readonly EntrySummary[];
  /** The journal index, for the photos each entry shows. */
  indexDoc: Y.Doc | null;
  userId: string;
  partner: { id: string; name: string } | null;
}) {
  const headingId = useId();
  const [moreOpen, setMoreOpen] = useState(false);
  const { doc: rituals, known } = useRituals(journalId);
  const now = useNow();
  const photos = usePhotosByEntry(indexDoc);
  const today = rituals && known ? coupleToday(rituals, now) : localDay(now, deviceTimeZone());

  const recalled: Recalled[] = [];
  for (const entry of entries) {
    const photoIds = photos.get(entry.id) ?? [];
    // An entry with neither words nor photos is no memory.
    if (entry.title.trim() || entry.preview.trim() || photoIds.length > 0) recalled.push({ kind: 'entry', date: entry.date, entry, photoIds });
  }
  if (rituals) {
    for (const { day } of revealedDays(rituals)) {
      const ids = [...new Set(Object.values(readDayStatus(rituals, day).questionOf))];
      const questionText = ids.map((id) => questionById(id)?.text).filter(Boolean).join(' / ') || 'The question of the day';
      recalled.push({ kind: 'answer', date: day, questionText });
    }
  }
  const groups = groupByRecall(recalled, (item) => item.date, today);
  if (groups.length === 0) return null;

  const [nearest, ...rest] = groups;
  const groupProps = { journalId, userId, partner };
  return (
    <section className="on-this-day" aria-labelledby={headingId} data-testid="on-this-day">
      <h2 id={headingId} className="eyebrow on-this-day__eyebrow">
        On this day
      </h2>
      <RecallGroup recall={nearest.recall} items={nearest.items} {...groupProps} />
      {rest.length > 0 && (
        <details className="on-this-day__more" onToggle={(event) => setMoreOpen(event.currentTarget.open)}>
          <summary>More from this day: {rest.map((g) => recallTitle(g.recall).replace(/ today$/, '').toLowerCase()).join(', ')}</summary>
          {/* Rendered once opened: each answer shown opens its document, which a folded year need not. */}
          {moreOpen && rest.map((group) => <RecallGroup key={recallTitle(group.recall)} recall={group.recall} items={group.items} {...groupProps} />)}
        </details>
      )}
    </section>
  );
}

function RecallGroup({
  recall,
  items,
  journalId,
  userId,
  partner,
}: {
  recall: Recall;
  items: Recalled[];
  journalId: string;
  userId: string;
  partner: { id: string; name: string } | null;
}) {
  const days = [...new Set(items.map((i) => i.date))];
  return (
    <div className="on-this-day__group">
      <h3 className="on-this-day__when">
        {recallTitle(recall)}
        {days.length === 1 && (
          <>
            {' '}
            <time className="on-this-day__date" dateTime={days[0]}>
              {formatDay(days[0])}
            </time>
          </>
        )}
      </h3>
      <ul className="on-this-day__items">
        {items.map((item) =>
          item.kind === 'entry' ? (
            <li key={`entry-${item.entry.id}`} className="on-this-day__item">
              <Link to={paths.entry(journalId, item.entry.id)} className="on-this-day__title">
                {item.entry.title.trim() || item.entry.preview || 'Photos'}
              </Link>
              {item.entry.title.trim() && item.entry.preview && <p className="on-this-day__preview">{item.entry.preview}</p>}
              <PhotoThumbs journalId={journalId} entryId={item.entry.id} photoIds={item.photoIds} entryTitle={item.entry.title.trim()} />
              <ItemDate date={item.date} show={days.length > 1} by={item.entry.authors.map((a) => (a.id === userId ? 'you' : a.name))} />
            </li>
          ) : (
            <li key={`answer-${item.date}`} className="on-this-day__item on-this-day__item--answer">
              <Link to={paths.day(journalId, item.date)} className="on-this-day__title">
                {item.questionText}
              </Link>
              <AnswerSnippet journalId={journalId} writerId={userId} day={item.date} who="You" />
              {partner && <AnswerSnippet journalId={journalId} writerId={partner.id} day={item.date} who={partner.name} />}
              <ItemDate date={item.date} show={days.length > 1} by={[]} />
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

function ItemDate({ date, show, by }: { date: LocalDay; show: boolean; by: string[] }) {
  if (!show && by.length === 0) return null;
  const writers = by.length === 0 ? '' : `By ${by.join(' and ')}`;
  return (
    <p className="on-this-day__meta">
      {show && <time dateTime={date}>{formatDay(date)}</time>}
      {show && writers && ' · '}
      {writers}
    </p>
  );
}
