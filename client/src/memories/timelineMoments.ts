import type * as Y from 'yjs';
import type { EntrySummary } from '#shared/documents/journalIndex.js';
import { readCheckinWeeks, readDayStatus, readDeliveredNotes, revealedDays, type DeliveredNote } from '#shared/documents/rituals.js';
import type { Classified } from '#shared/memories/timelineFilter.js';
import { localDay } from '#shared/rituals/calendar.js';
import { ritualMoments, type RitualMoment } from '../rituals/RitualTimelineItem';

/** Anything on the timeline, with what the filters and the calendar need to know of it. */
export type TimelineMoment = Omit<Classified, 'kind'> &
  (
    | { kind: 'entry'; entry: EntrySummary }
    | { kind: 'memory'; entry: EntrySummary }
    | { kind: 'answer'; ritual: RitualMoment }
    | { kind: 'checkin'; ritual: RitualMoment }
    | { kind: 'note'; note: DeliveredNote }
  );

/** A key for React lists, unique across kinds. */
export function momentKey(moment: TimelineMoment): string {
  switch (moment.kind) {
    case 'entry':
    case 'memory':
      return `entry-${moment.entry.id}`;
    case 'answer':
    case 'checkin':
      return `${moment.ritual.kind}-${moment.ritual.date}`;
    case 'note':
      return `note-${moment.note.id}`;
  }
}

export interface MomentSources {
  /** Live entries (not deleted), newest first, as the index gives them. */
  entries: readonly EntrySummary[];
  /** The rituals document, once known. */
  rituals: Y.Doc | null;
  /** The couple's zone, for the day a note arrived. */
  timeZone: string;
  /** The journal's members (me first); a check-in belongs to all of them. */
  memberIds: readonly string[];
  /** Entries that are memories: they hold photos, or were made from the bucket list. */
  memoryEntryIds: ReadonlySet<string>;
}

/**
 * Everything on the timeline, newest day first. On one day, entries come
 * first, then the question, the check-in and notes, as the timeline always
 * showed them.
 */
export function timelineMoments({ entries, rituals, timeZone, memberIds, memoryEntryIds }: MomentSources): TimelineMoment[] {
  const moments: TimelineMoment[] = entries.map((entry) => ({
    kind: memoryEntryIds.has(entry.id) ? 'memory' : 'entry',
    date: entry.date,
    authors: entry.authors.length > 0 ? entry.authors.map((a) => a.id) : [entry.createdBy],
    entry,
  }));
  if (rituals) {
    for (const ritual of ritualMoments(revealedDays(rituals), readCheckinWeeks(rituals))) {
      if (ritual.kind === 'day') {
        moments.push({ kind: 'answer', date: ritual.date, authors: Object.keys(readDayStatus(rituals, ritual.date).answeredBy), ritual });
      } else {
        // A check-in is the couple's: each writes a column and the thing to work on is shared.
        moments.push({ kind: 'checkin', date: ritual.date, authors: memberIds, ritual });
      }
    }
    for (const note of readDeliveredNotes(rituals)) {
      moments.push({ kind: 'note', date: localDay(note.deliveredAt, timeZone), authors: [note.from], note });
    }
  }
  // Stable: within a day, the order above (and the index's order of entries) stays.
  return moments.sort((a, b) => b.date.localeCompare(a.date));
}
