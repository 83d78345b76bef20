import type { Page } from 'playwright-core';

/**
 * Selects `phrase` in the entry text (or the text box labelled `label`), as a
 * mouse drag would: inside one block, across marks and comment highlights,
 * skipping the partner's caret label.
 */
export async function selectText(page: Page, phrase: string, label = 'Entry text'): Promise<void> {
  await page.evaluate(([phrase, label]) => {
    const root = document.querySelector(`[aria-label="${label}"]`)!;
    for (const block of root.querySelectorAll('p, h2, h3, li')) {
      const nodes: { node: Text; start: number }[] = [];
      let text = '';
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
        // Remote carets carry the partner's name; they are not part of the text.
        acceptNode: (n) => (n.parentElement?.closest('.collaboration-carets__caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node as Text, start: text.length });
        text += node.textContent;
      }
      const at = text.indexOf(phrase);
      if (at < 0) continue;
      const locate = (offset: number, atEnd: boolean) => {
        const hit = [...nodes].reverse().find((n) => (atEnd ? n.start < offset : n.start <= offset))!;
        return { node: hit.node, offset: offset - hit.start };
      };
      const start = locate(at, false);
      const end = locate(at + phrase.length, true);
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`phrase not found: ${phrase}`);
  }, [phrase, label] as const);
}
