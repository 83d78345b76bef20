import type { Page } from 'playwright-core';

interface EntryTextProbe {
  entryText(): string;
}

/**
 * Runs in the page (add it with `context.addInitScript`): reads the editor's
 * blocks as text, one line per block, leaving out the partner's caret label,
 * which may sit inside a word.
 */
export function installEntryTextProbe() {
  (window as unknown as EntryTextProbe).entryText = () => {
    const root = document.querySelector('[aria-label="Entry text"]')?.cloneNode(true) as HTMLElement | undefined;
    if (!root) return '';
    for (const caret of root.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return [...root.children].map((block) => block.textContent ?? '').join('\n');
  };
}

/** The entry's text, block by block. */
export const documentText = (page: Page) => page.evaluate(() => (window as unknown as EntryTextProbe).entryText());

/** Waits until the entry text does (or no longer does) contain `words`. */
export const waitForWords = (page: Page, words: string, present = true) =>
  page.waitForFunction(({ words, present }) => (window as unknown as EntryTextProbe).entryText().includes(words) === present, {
    words,
    present,
  });

/** How many times `words` occur in the entry text. */
export async function occurrences(page: Page, words: string): Promise<number> {
  return (await documentText(page)).split(words).length - 1;
}
