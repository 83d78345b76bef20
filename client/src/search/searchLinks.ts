import type { SearchHit, SearchKind, SearchLink } from '#shared/api/searchTypes.js';
import { paths } from '../routing/routes';

/** Where a result leads: its entry, the day of its answer, or the notes page. */
export function pathOfLink(journalId: string, link: SearchLink): string {
  switch (link.to) {
    case 'entry':
      return paths.entry(journalId, link.entryId);
    case 'answer':
      return paths.day(journalId, link.day);
    case 'note':
      return paths.notes(journalId);
  }
}

const KIND_WORDS: Record<SearchKind, string> = { entry: 'Entry', answer: 'Answer', note: 'Love note', comment: 'Comment' };

/** A few words that say what a result is, for the line above it. */
export function kindLabel(hit: SearchHit): string {
  if (hit.kind === 'comment') return hit.link.to === 'answer' ? 'Comment on an answer' : 'Comment';
  return KIND_WORDS[hit.kind];
}

export const KIND_FILTERS: { value: SearchKind | ''; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'entry', label: 'Entries' },
  { value: 'answer', label: 'Answers' },
  { value: 'note', label: 'Love notes' },
  { value: 'comment', label: 'Comments' },
];
