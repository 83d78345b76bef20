import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import type { EntrySummary } from '#shared/documents/journalIndex.js';
import { readRhythm } from '#shared/documents/rituals.js';
import { monthOf, type Month } from '#shared/memories/monthGrid.js';
import {
  filterCounts,
  matchesFilter,
  readTimelineQuery,
  timelineParams,
  type FilterCounts,
  type TimelineQuery,
} from '#shared/memories/timelineFilter.js';
import { localDay, type LocalDay } from '#shared/rituals/calendar.js';
import { navigate, useLocation } from '../routing/history';
import { deviceTimeZone } from '../rituals/dayQuestion';
import { useNow } from '../rituals/useNow';
import { timelineMoments, type TimelineMoment } from './timelineMoments';
import { usePhotosByEntry } from './usePhotosByEntry';
import { useBucketMemories } from './useBucketMemories';

export interface TimelineState {
  query: TimelineQuery;
  /** Everything the kind and author filters leave, newest first (the calendar marks these). */
  filtered: TimelineMoment[];
  /** What the list shows: `filtered`, or in the calendar only the chosen day's. */
  shown: TimelineMoment[];
  /** Everything, before filters. */
  total: number;
  counts: FilterCounts;
  /** The couple's today and the month the calendar shows. */
  today: LocalDay;
  month: Month;
  /** Changes the query in the address; `replace` for steps not worth a back-button press (arrowing across months). */
  change(next: Partial<TimelineQuery>, options?: { replace?: boolean }): void;
}

/**
 * The timeline's filters and views: read from the address (so back and
 * forward step through them), applied to the entries and the rituals the
 * device holds, offline too.
 */
export function useTimeline({
  entries,
  rituals,
  indexDoc,
  userId,
  partnerId,
  journalId,
}: {
  /** Whose bucket list names the entries made from it (memories too). */
  journalId: string;
  entries: readonly EntrySummary[];
  rituals: Y.Doc | null;
  indexDoc: Y.Doc | null;
  userId: string;
  partnerId: string | null;
}): TimelineState {
  const location = useLocation();
  const query = useMemo(() => readTimelineQuery(location.search), [location.search]);
  const now = useNow();
  const timeZone = (rituals && readRhythm(rituals).timeZone) ?? deviceTimeZone();
  const today = localDay(now, timeZone);
  const photos = usePhotosByEntry(indexDoc);
  // Memories: entries that show a photo, and entries made from a done bucket-list item.
  const fromBucket = useBucketMemories(journalId);
  const memoryEntryIds = useMemo(() => new Set([...photos.keys(), ...fromBucket]), [photos, fromBucket]);

  const all = timelineMoments({
    entries,
    rituals,
    timeZone,
    memberIds: partnerId ? [userId, partnerId] : [userId],
    memoryEntryIds,
  });
  const filtered = all.filter((m) => matchesFilter(m, query, userId));
  const shown = query.view === 'calendar' ? (query.day ? filtered.filter((m) => m.date === query.day) : []) : filtered;

  const change = useCallback(
    (next: Partial<TimelineQuery>, options: { replace?: boolean } = {}) => {
      const params = new URLSearchParams(location.search);
      for (const [key, value] of Object.entries(timelineParams({ ...query, ...next }))) {
        if (value) params.set(key, value);
        else params.delete(key);
      }
      const search = params.toString();
      navigate(search ? `${location.pathname}?${search}` : location.pathname, { replace: options.replace, keepScroll: true });
    },
    [location.pathname, location.search, query],
  );

  return {
    query,
    filtered,
    shown,
    total: all.length,
    counts: filterCounts(all, query, userId),
    today,
    month: query.month ?? monthOf(query.day ?? today),
    change,
  };
}
