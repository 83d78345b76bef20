/**
 * Duet's question library: the questions behind "question of the day" and the
 * date night deck, read from `questionLibrary.json` so a contributor can add
 * questions without touching code.
 *
 * Rules for the data file (tests/unit/questionLibrary.test.ts checks them):
 * - An id is `<category>-<3 digits>` and is permanent, because stored answers
 *   refer to it. Never renumber, reuse or delete one; a new question takes the
 *   next number in its category. Fixing a typo is fine; changing what a
 *   question asks means adding a new id.
 * - `depth` 1 is easy (a couple's first week), 2 asks for more openness
 *   (after a few weeks), 3 is the deep ones (after a couple of months).
 *
 * No DOM and no Node APIs: the client and the server both import this.
 */
import library from './questionLibrary.json';

/** A category key, in the file's display order: 'light' | 'stories' | ... */
export type QuestionCategory = keyof typeof library.categories;

/** 1 = easy, 2 = more open, 3 = deep. */
export type QuestionDepth = 1 | 2 | 3;

export interface QuestionCategoryInfo {
  readonly title: string;
  readonly blurb: string;
}

export interface Question {
  /** Permanent: `<category>-<3 digits>`. Answers are stored against it. */
  readonly id: string;
  readonly category: QuestionCategory;
  readonly depth: QuestionDepth;
  /** One question in plain English, ending with "?". */
  readonly text: string;
}

function isQuestionCategory(key: string): key is QuestionCategory {
  return Object.hasOwn(library.categories, key);
}

function isQuestionDepth(depth: number): depth is QuestionDepth {
  return depth === 1 || depth === 2 || depth === 3;
}

/**
 * Every category's title and blurb. Iterating it (Object.keys/entries) gives
 * the display order, which is the order of the data file.
 */
export const QUESTION_CATEGORIES: Readonly<Record<QuestionCategory, QuestionCategoryInfo>> = Object.freeze(
  library.categories,
);

/**
 * The whole library in file order. A malformed entry throws here, naming its
 * id, rather than reaching a screen as a blank card; the unit test reports
 * every problem in the file at once before it gets this far.
 */
export const QUESTIONS: readonly Question[] = Object.freeze(
  library.questions.map(({ id, category, depth, text }): Question => {
    if (!isQuestionCategory(category)) throw new Error(`Question ${id} has an unknown category "${category}".`);
    if (!isQuestionDepth(depth)) throw new Error(`Question ${id} has depth ${depth}; depth must be 1, 2 or 3.`);
    return Object.freeze({ id, category, depth, text });
  }),
);

const questionsById = new Map(QUESTIONS.map((question) => [question.id, question]));

/** The question with this id, or undefined for an id the library does not have. */
export function questionById(id: string): Question | undefined {
  return questionsById.get(id);
}
