import type { Segment } from '../api/searchTypes.js';
import { foldText, type QueryTerm } from './queryTerms.js';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Text as segments with the words that match a query marked, cut to about
 * `around` words either side of the first match (the whole text when 0): the
 * device's own search, offline, shows results as the server's do. A word of a
 * phrase is marked wherever it occurs; that is close enough for a snippet.
 */
export function highlightSegments(text: string, terms: readonly QueryTerm[], around = 0): Segment[] {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    term.words.forEach((word, i) => (term.prefix && i === term.words.length - 1 ? prefixes.push(word) : exact.add(word)));
  }
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, match: false }));
  for (const word of words) {
    const folded = foldText(text.slice(word.start, word.end));
    word.match = exact.has(folded) || prefixes.some((p) => folded.startsWith(p));
  }
  let from = 0;
  let to = text.length;
  let before = '';
  let after = '';
  if (around > 0 && words.length > 0) {
    const first = Math.max(0, words.findIndex((w) => w.match));
    const startWord = Math.max(0, first - Math.floor(around / 3));
    const endWord = Math.min(words.length - 1, startWord + around);
    from = startWord === 0 ? 0 : words[startWord].start;
    to = endWord === words.length - 1 ? text.length : words[endWord].end;
    before = from > 0 ? '…' : '';
    after = to < text.length ? '…' : '';
  }
  const segments: Segment[] = [];
  const push = (piece: string, match: boolean) => {
    if (piece === '') return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += piece;
    else segments.push({ text: piece, match });
  };
  push(before, false);
  let at = from;
  for (const word of words) {
    if (!word.match || word.end <= from || word.start >= to) continue;
    push(text.slice(at, word.start), false);
    push(text.slice(word.start, word.end), true);
    at = word.end;
  }
  push(text.slice(at, to), false);
  push(after, false);
  return segments;
}
