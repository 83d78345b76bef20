import { describe, expect, it } from 'vitest';
import library from '#shared/rituals/questionLibrary.json';

/**
 * What a contributor editing shared/rituals/questionLibrary.json could break.
 * The file is read as loosely typed data, so a wrong field shows up here as a
 * list naming every offending id, not as one type error or one thrown
 * exception. Each check collects its problems and compares them with [].
 */

const CATEGORY_KEYS = ['light', 'stories', 'dreams', 'gratitude', 'intimacy', 'repair', 'worlds'];
const MIN_TOTAL = 400; // one a day with no repeat within a year needs more than 365
const MIN_PER_CATEGORY = 40;
const MIN_DEPTH_1 = 40; // a new couple's first four weeks, with room to skip
const MIN_DEPTH_1_PER_CATEGORY = 3; // so every category can be offered from the first week
const MIN_CHARS = 25;
const MAX_CHARS = 160;
const SAME_OPENING_WORDS = 6;
const PLACEHOLDERS = [/TODO/i, /XXX/i, /TBD/i, /FIXME/i, /\.\.\./, /…/, /lorem/i];

interface RawQuestion {
  readonly [field: string]: unknown;
}

const raw: { categories: Record<string, Record<string, unknown>>; questions: readonly RawQuestion[] } = library;
const questions = raw.questions;

/** What a question is called in a failure message: its id, or its place in the file if the id is missing. */
const label = (question: RawQuestion, index: number) =>
  typeof question.id === 'string' ? question.id : `questions[${index}] (no id)`;

const textOf = (question: RawQuestion) => (typeof question.text === 'string' ? question.text : '');

/** Case, punctuation and spacing do not make two questions different. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Problems from `check` for every question, as "<id>: <problem>" lines. */
function problemsIn(check: (question: RawQuestion) => string | null): string[] {
  return questions.flatMap((question, index) => {
    const problem = check(question);
    return problem === null ? [] : [`${label(question, index)}: ${problem}`];
  });
}

/** Lines naming each group of questions that share a key, e.g. the same normalised text. */
function clashes(keyOf: (question: RawQuestion) => string, what: string, name = label): string[] {
  const byKey = new Map<string, string[]>();
  questions.forEach((question, index) => {
    const key = keyOf(question);
    byKey.set(key, [...(byKey.get(key) ?? []), name(question, index)]);
  });
  return [...byKey.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([key, ids]) => `${ids.join(' and ')} ${what}: "${key}"`);
}

describe('question library categories', () => {
  it('has exactly the seven categories, each with a title and a blurb', () => {
    expect(Object.keys(raw.categories).sort()).toEqual([...CATEGORY_KEYS].sort());
    const problems = Object.entries(raw.categories).flatMap(([key, info]) =>
      (['title', 'blurb'] as const).flatMap((field) => {
        const value = info[field];
        if (typeof value !== 'string' || value.trim() === '') return [`${key}: ${field} is missing or empty`];
        if (PLACEHOLDERS.some((pattern) => pattern.test(value))) return [`${key}: ${field} has placeholder text`];
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });
});

describe('question library entries', () => {
  it('gives every question exactly id, category, depth and text', () => {
    const expected = ['category', 'depth', 'id', 'text'];
    expect(problemsIn((q) => {
      const fields = Object.keys(q).sort();
      return fields.join() === expected.join() ? null : `has fields ${fields.join(', ')}; expected ${expected.join(', ')}`;
    })).toEqual([]);
  });

  it('puts every question in a known category at depth 1, 2 or 3', () => {
    expect(problemsIn((q) => {
      if (typeof q.category !== 'string' || !CATEGORY_KEYS.includes(q.category)) return `unknown category ${JSON.stringify(q.category)}`;
      if (q.depth !== 1 && q.depth !== 2 && q.depth !== 3) return `depth ${JSON.stringify(q.depth)} is not 1, 2 or 3`;
      return null;
    })).toEqual([]);
  });

  it('gives every question a well-formed id that starts with its category', () => {
    expect(problemsIn((q) => {
      if (typeof q.id !== 'string') return 'id is missing';
      const match = /^([a-z]+)-(\d{3})$/.exec(q.id);
      if (!match) return 'id is not <category>-<3 digits>';
      if (match[1] !== q.category) return `id says ${match[1]} but category is ${JSON.stringify(q.category)}`;
      if (match[2] === '000') return 'ids start at 001';
      return null;
    })).toEqual([]);
  });

  it('never uses an id twice', () => {
    // The ids are equal, so name the questions by their place in the file.
    expect(clashes((q) => String(q.id), 'share the id', (_, index) => `questions[${index}]`)).toEqual([]);
  });

  it('numbers each category 001, 002, ... in file order, with none missing (ids are appended, never deleted or reused)', () => {
    const seen = new Map<string, number>();
    expect(problemsIn((q) => {
      const match = typeof q.id === 'string' ? /^([a-z]+)-(\d{3})$/.exec(q.id) : null;
      if (!match) return null; // reported by the id format check
      const [, category, digits] = match;
      const expected = (seen.get(category) ?? 0) + 1;
      seen.set(category, Number(digits));
      return Number(digits) === expected ? null : `expected ${category}-${String(expected).padStart(3, '0')} here`;
    })).toEqual([]);
  });
});

describe('question library texts', () => {
  it(`keeps every question between ${MIN_CHARS} and ${MAX_CHARS} characters, trimmed, on one line`, () => {
    expect(problemsIn((q) => {
      if (typeof q.text !== 'string') return 'text is missing';
      if (q.text.length < MIN_CHARS || q.text.length > MAX_CHARS) return `text is ${q.text.length} characters`;
      if (q.text !== q.text.trim() || /\s{2,}|\n/.test(q.text)) return 'text has stray spaces or line breaks';
      return null;
    })).toEqual([]);
  });

  it('asks exactly one question per text, starting with a capital and ending with "?"', () => {
    expect(problemsIn((q) => {
      const text = textOf(q);
      if (!text.endsWith('?')) return 'does not end with "?"';
      if (text.indexOf('?') !== text.length - 1) return 'has a "?" before the end: one question per text';
      if (!/^[A-Z"]/.test(text)) return 'does not start with a capital letter';
      return null;
    })).toEqual([]);
  });

  it('has no leftover placeholder text', () => {
    expect(problemsIn((q) => {
      const found = PLACEHOLDERS.find((pattern) => pattern.test(textOf(q)));
      return found ? `has placeholder text matching ${found}` : null;
    })).toEqual([]);
  });

  it('never asks the same text twice, ignoring case, punctuation and spacing', () => {
    expect(clashes((q) => normalise(textOf(q)), 'have the same text')).toEqual([]);
  });

  it(`never starts two questions with the same ${SAME_OPENING_WORDS} words`, () => {
    expect(clashes((q) => normalise(textOf(q)).split(' ').slice(0, SAME_OPENING_WORDS).join(' '), 'start alike')).toEqual([]);
  });
});

describe('question library size', () => {
  const count = (keep: (question: RawQuestion) => boolean) => questions.filter(keep).length;

  it(`has at least ${MIN_TOTAL} questions, so a year of daily questions never repeats`, () => {
    expect(questions.length).toBeGreaterThanOrEqual(MIN_TOTAL);
  });

  it(`has at least ${MIN_PER_CATEGORY} questions in every category`, () => {
    const short = CATEGORY_KEYS.map((key) => [key, count((q) => q.category === key)] as const)
      .filter(([, n]) => n < MIN_PER_CATEGORY)
      .map(([key, n]) => `${key} has ${n}`);
    expect(short).toEqual([]);
  });

  it(`has at least ${MIN_DEPTH_1} depth-1 questions for a couple's first four weeks, and some in every category`, () => {
    expect(count((q) => q.depth === 1)).toBeGreaterThanOrEqual(MIN_DEPTH_1);
    const short = CATEGORY_KEYS.map((key) => [key, count((q) => q.category === key && q.depth === 1)] as const)
      .filter(([, n]) => n < MIN_DEPTH_1_PER_CATEGORY)
      .map(([key, n]) => `${key} has ${n} at depth 1`);
    expect(short).toEqual([]);
  });

  it('offers questions of every depth', () => {
    for (const depth of [1, 2, 3]) expect(count((q) => q.depth === depth), `depth ${depth}`).toBeGreaterThan(0);
  });
});

describe('question library loader', () => {
  // Imported here rather than at the top: the loader throws on a malformed
  // entry, and the data checks above should still report every problem.
  const loader = () => import('#shared/rituals/questionLibrary.js');

  it('serves every question in file order, typed', async () => {
    const { QUESTIONS } = await loader();
    expect(QUESTIONS.map((q) => q.id)).toEqual(questions.map((q) => q.id));
    expect(QUESTIONS[0]).toEqual(questions[0]);
    expect(Object.isFrozen(QUESTIONS)).toBe(true);
  });

  it('finds a question by id, and nothing for an unknown id', async () => {
    const { QUESTIONS, questionById } = await loader();
    const last = QUESTIONS[QUESTIONS.length - 1];
    expect(questionById(last.id)).toBe(last);
    expect(questionById('light-001')?.category).toBe('light');
    expect(questionById('light-999')).toBeUndefined();
    expect(questionById('')).toBeUndefined();
  });

  it('lists the categories in the order of the data file', async () => {
    const { QUESTION_CATEGORIES } = await loader();
    expect(Object.keys(QUESTION_CATEGORIES)).toEqual(Object.keys(raw.categories));
    expect(QUESTION_CATEGORIES.stories.title).toBe(raw.categories.stories.title);
  });
});
