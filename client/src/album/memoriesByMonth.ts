import type { EntrySummary } from '#shared/documents/journalIndex.js';

/** One photo as the Memories view lists it. */
export interface Memory {
  photoId: string;
  entry: EntrySummary;
  /** When the photo was stored (or picked, for one still on this device). */
  at: number;
  /** A photo still on this device, not yet on the server: shown from here. */
  local: Blob | null;
}

export interface MemoryMonth {
  /** YYYY-MM, of the entry's day. */
  month: string;
  memories: Memory[];
}

/**
 * Groups photos by the month of the day their entry is about (the day the
 * couple wrote of, not the day the file was sent), newest month first; in a
 * month, newest entry first and an entry's photos in the order they were added.
 * Only photos an entry shows now, in an entry that is not deleted.
 */
export function memoriesByMonth(
  photos: readonly { photoId: string; entryId: string | null; at: number; local: Blob | null }[],
  entries: readonly EntrySummary[],
): MemoryMonth[] {
  const live = new Map(entries.filter((entry) => entry.deletedAt === null).map((entry) => [entry.id, entry]));
  const memories: Memory[] = [];
  for (const photo of photos) {
    const entry = photo.entryId === null ? undefined : live.get(photo.entryId);
    if (entry) memories.push({ photoId: photo.photoId, entry, at: photo.at, local: photo.local });
  }
  memories.sort(
    (a, b) => b.entry.date.localeCompare(a.entry.date) || b.entry.createdAt - a.entry.createdAt || a.at - b.at || a.photoId.localeCompare(b.photoId),
  );
  const months: MemoryMonth[] = [];
  for (const memory of memories) {
    const month = memory.entry.date.slice(0, 7);
    const last = months[months.length - 1];
    if (last?.month === month) last.memories.push(memory);
    else months.push({ month, memories: [memory] });
  }
  return months;
}

/** "November 2025" for YYYY-MM, in the reader's language. */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Date(year, m - 1, 1).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
}
