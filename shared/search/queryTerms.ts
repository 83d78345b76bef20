/**
 * What a person types into search, read the same way by the server (which
 * turns it into an FTS5 expression) and by the device's own search offline:
 * plain words (all must appear), "quoted phrases" (the words in that order),
 * and the last word matched as the start of a word while it is being typed.
 * Nothing typed is ever syntax for the index: every term is data.
 */

/** At most this many characters are searched for: a sentence, not a page. */
export const MAX_QUERY_CHARS = 200;
/** At most this many words and phrases in one search. */
export const MAX_QUERY_TERMS = 12;
/** A word being typed is matched as a prefix from this many characters on (one letter matches too much to help). */
export const MIN_PREFIX_CHARS = 2;

export interface QueryTerm {
  /** The words of the term, lower-cased, without punctuation; one for a plain word, several for a phrase. */
  words: string[];
  /** Match the (last) word as the start of a word: the word being typed. */
  prefix: boolean;
}

export type ParsedQuery = { ok: true; terms: QueryTerm[] } | { ok: false; message: string };

/** Letters and digits in any script, with the marks that belong to them (as FTS5's unicode61 reads a word). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Text as search compares it: without accents, lower-cased, as the index reads it. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Splits text into the words search compares. */
export function searchWords(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/** Reads a query; refuses one too long or with too many terms, with a message for a person. */
export function parseQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_QUERY_CHARS) return { ok: false, message: `Search for at most ${MAX_QUERY_CHARS} characters at a time.` };
  const terms: QueryTerm[] = [];
  // Quotes alternate phrase and plain text; an unclosed quote runs to the end (still typing).
  const parts = raw.split('"');
  parts.forEach((part, index) => {
    const quoted = index % 2 === 1;
    const words = searchWords(part);
    if (words.length === 0) return;
    if (quoted) terms.push({ words, prefix: false });
    else for (const word of words) terms.push({ words: [word], prefix: false });
  });
  if (terms.length === 0) return { ok: false, message: 'Type a word to search for.' };
  if (terms.length > MAX_QUERY_TERMS) return { ok: false, message: `Search for at most ${MAX_QUERY_TERMS} words at a time.` };
  // The word still being typed: the query's last word, not followed by a space or a closing quote.
  const last = terms[terms.length - 1];
  const typing = !/[\s"]$/.test(raw);
  if (typing && last.words[last.words.length - 1].length >= MIN_PREFIX_CHARS) last.prefix = true;
  return { ok: true, terms };
}

/** Whether `text` holds every term (offline search on the device; the server uses the index). */
export function matchesAll(textWords: readonly string[], terms: readonly QueryTerm[]): boolean {
  return terms.every((term) => findTerm(textWords, term) >= 0);
}

/** Where a term first occurs in a list of words, or -1. */
export function findTerm(textWords: readonly string[], term: QueryTerm, from = 0): number {
  const n = term.words.length;
  for (let i = from; i + n <= textWords.length; i++) {
    let all = true;
    for (let k = 0; k < n && all; k++) {
      const want = term.words[k];
      const have = textWords[i + k];
      all = term.prefix && k === n - 1 ? have.startsWith(want) : have === want;
    }
    if (all) return i;
  }
  return -1;
}
