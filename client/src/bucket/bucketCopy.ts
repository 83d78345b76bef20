import type { BucketCategory } from '#shared/documents/bucket.js';
import { formatDay } from '../ui/formatDate';

/** How each category is named to the couple, with a line that invites an item of its kind. */
export const CATEGORY_COPY: Record<BucketCategory, { label: string; hint: string }> = {
  travel: { label: 'Travel', hint: 'Watch the sunrise from a mountain hut' },
  food: { label: 'Food & drink', hint: 'Learn to make fresh pasta together' },
  adventures: { label: 'Adventures', hint: 'Swim in the sea at midnight' },
  small: { label: 'Small things', hint: 'Breakfast in bed on a rainy Sunday' },
};

/** A millisecond time as a local calendar day for people ("3 May"; the year only when it is not this one). */
export function shortDay(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' });
}

function dayOf(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * The line a memory starts with, in names rather than "you" (both of you read
 * the entry): when it was done and who ticked it off, and who dreamt it up.
 */
export function memoryLine(item: { doneAt: number; doneBy: string; addedAt: number; addedBy: string }, nameOf: (userId: string) => string): string {
  const doneDay = dayOf(item.doneAt);
  const addedDay = dayOf(item.addedAt);
  const done = `Off our bucket list: done on ${formatDay(doneDay)}, ticked off by ${nameOf(item.doneBy)}.`;
  const added = `${nameOf(item.addedBy)} put it on the list ${addedDay === doneDay ? 'that same day' : `on ${formatDay(addedDay)}`}.`;
  return `${done} ${added}`;
}
