import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairedCouple } from '../helpers/apiClient.js';
import { type E2E, screenshot, startE2E } from '../helpers/e2eSetup.js';
import { waitForWords } from '../helpers/entryTextProbe.js';
import { selectText as select } from '../helpers/selectText.js';

/**
 * Inline comments between two partners: a thread started while the author
 * types inside the phrase covers the phrase with her words, follows it when
 * she splits and joins the paragraph, survives deletion of the whole sentence
 * ("on deleted text") and comes back with undo. A second run comments offline.
 */
describe('comments in the browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function startEntry(page: Page, journalId: string, text: string): Promise<string> {
    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByLabel('Entry title').fill('The lake');
    await page.getByLabel('Entry text').click();
    await page.keyboard.type(text);
    await page.getByTestId('sync-status').getByText('All changes synced').waitFor();
    return page.url();
  }

  async function comment(page: Page, phrase: string, text: string) {
    await select(page, phrase);
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByLabel('Comment', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Post comment' }).click();
  }

  const panel = (page: Page) => page.getByRole('complementary', { name: 'Comments' });
  const highlight = (page: Page) => page.locator('.comment-anchor[data-thread-id]');

  /** The highlighted text per paragraph, without the partner's caret label. */
  const highlightedBlocks = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('[aria-label="Entry text"] > *')]
        .map((block) =>
          [...block.querySelectorAll('.comment-anchor[data-thread-id]')]
            .map((span) => {
              const copy = span.cloneNode(true) as HTMLElement;
              for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
              return copy.textContent;
            })
            .join(''),
        )
        .filter((text) => text !== ''),
    );

  async function waitForHighlight(page: Page, blocks: string[]) {
    await expect.poll(() => highlightedBlocks(page), { timeout: 10_000 }).toEqual(blocks);
  }

  /** From now on, remembers whether the page ever showed a thread as "On deleted text". */
  async function watchForDeletedLabel(page: Page) {
    await page.evaluate(() => {
      const w = window as unknown as { sawDeletedLabel: boolean };
      w.sawDeletedLabel = document.querySelector('.thread__detached') !== null;
      new MutationObserver(() => {
        if (document.querySelector('.thread__detached')) w.sawDeletedLabel = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
  }
  const sawDeletedLabel = (page: Page) => page.evaluate(() => (window as unknown as { sawDeletedLabel: boolean }).sawDeletedLabel);

  /** Clicks just before `phrase` (which must sit in one text node), as a person places the caret. */
  async function placeCaretBefore(page: Page, phrase: string) {
    const point = await page.evaluate((phrase) => {
      const root = document.querySelector('[aria-label="Entry text"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(phrase);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const box = range.getBoundingClientRect();
        return { x: box.left + 1, y: box.top + box.height / 2 };
      }
      throw new Error(`phrase not found: ${phrase}`);
    }, phrase);
    await page.mouse.click(point.x, point.y);
  }

  it('keeps a thread on its phrase through typing inside it, deletion and undo', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const ada = await e2e.openPage(a.cookie);
    const ben = await e2e.openPage(b.cookie);
    const url = await startEntry(ada.page, journalId, 'We reached the shore at dawn. The lake was cold that morning. Then we ate.');
    await ben.page.goto(url);
    await waitForWords(ben.page, 'The lake was cold that morning.');

    // Ben comments on Ada's phrase while she is typing inside it.
    await placeCaretBefore(ada.page, 'cold');
    const typing = ada.page.keyboard.type('very ', { delay: 40 });
    await comment(ben.page, 'lake was cold that', 'Was it really that cold?');
    await typing;
    await waitForWords(ben.page, 'very cold');
    await highlight(ada.page).first().waitFor();
    // The highlight covers the phrase with what Ada typed inside it, on both sides.
    await waitForHighlight(ben.page, ['lake was very cold that']);
    await waitForHighlight(ada.page, ['lake was very cold that']);

    // Ada splits the paragraph inside the phrase: the highlight follows both halves. Joining makes it whole again.
    await ada.page.keyboard.press('Enter');
    await waitForHighlight(ben.page, ['lake was very ', 'cold that']);
    await waitForHighlight(ada.page, ['lake was very ', 'cold that']);
    await ada.page.keyboard.press('Backspace');
    await waitForHighlight(ben.page, ['lake was very cold that']);

    // Ada sees the thread and replies; Ben reacts.
    const threadA = panel(ada.page).getByRole('article').filter({ hasText: 'Was it really that cold?' });
    await threadA.waitFor();
    // While the phrase is in the text, the thread quotes it as it reads now.
    await threadA.getByText('“lake was very cold that”').waitFor();
    await threadA.getByLabel('Reply').fill('Freezing! But worth it.');
    await threadA.getByRole('button', { name: 'Send reply' }).click();
    const threadB = panel(ben.page).getByRole('article').filter({ hasText: 'Freezing! But worth it.' });
    await threadB.waitFor();
    // One quiet "React" control opens the choice; the heart then shows with its count.
    await threadB.getByRole('button', { name: 'Add a reaction' }).last().click();
    await threadB.getByRole('group', { name: 'Choose a reaction' }).last().getByRole('button', { name: 'React with ❤️' }).click();
    // Ada sees Ben's heart on her reply.
    await threadA.getByRole('button', { name: 'React with ❤️' }).filter({ hasText: '1' }).first().waitFor();
    await screenshot(ada.page, 'comments-1-ada');
    await screenshot(ben.page, 'comments-2-ben');

    // Ada deletes the whole sentence: the thread stays, on deleted text, with its quote.
    await select(ada.page, 'The lake was very cold that morning.');
    await ada.page.keyboard.press('Backspace');
    await threadA.getByText('On deleted text').waitFor();
    // The quote is what Ben had selected when he opened the form: some of Ada's letters may be in it.
    await threadA.getByText(/^“lake was (very ?|ver|ve|v)?cold that”$/).waitFor();
    expect(await highlight(ada.page).count()).toBe(0);
    // Undo brings the sentence back, and the highlight with it.
    await ada.page.keyboard.press('Control+z');
    await highlight(ada.page).first().waitFor();
    await highlight(ben.page).first().waitFor();
    await expect(threadA.getByText('On deleted text').count()).resolves.toBe(0);
    await screenshot(ada.page, 'comments-3-ada-after-undo');
  });

  it('lets a partner comment offline while the other edits the phrase', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const ada = await e2e.openPage(a.cookie);
    const ben = await e2e.openPage(b.cookie);
    const url = await startEntry(ada.page, journalId, 'Our first dance was in the kitchen.');
    await ben.page.goto(url);
    await waitForWords(ben.page, 'Our first dance');
    await ben.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // The thread and its mark reach Ada separately, in either order: never may she see it "on deleted text".
    await watchForDeletedLabel(ada.page);
    await ben.context.setOffline(true);
    await comment(ben.page, 'first dance', 'I still remember the song.');
    await select(ada.page, 'kitchen');
    await ada.page.keyboard.press('ArrowLeft');
    await ada.page.keyboard.type('tiny ');
    await ben.context.setOffline(false);

    await panel(ada.page).getByRole('article').filter({ hasText: 'I still remember the song.' }).waitFor();
    await highlight(ada.page).first().waitFor();
    await waitForWords(ben.page, 'tiny kitchen');
    await expect(highlight(ada.page).first().innerText()).resolves.toMatch(/first dance/);
    expect(await sawDeletedLabel(ada.page)).toBe(false);
  });

  it('shows what is new, and reading it on the phone reads it on the laptop too', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const laptop = await e2e.openPage(a.cookie);
    const ben = await e2e.openPage(b.cookie);
    const url = await startEntry(laptop.page, journalId, 'We swam in the lake at night.');
    const entryId = url.split('/').pop()!;
    // Ada closes the entry; had she been looking at it, Ben's comment would have been read at once.
    await laptop.page.goto('about:blank');
    await ben.page.goto(url);
    await waitForWords(ben.page, 'swam in the lake');
    await comment(ben.page, 'swam in the lake', 'Never again!');
    await expect.poll(async () => (await b.request('GET', `/api/journals/${journalId}/entries/${entryId}/threads`)).body.threads?.length).toBe(1);

    // On her laptop's timeline Ada sees the comment count and that it is new.
    await laptop.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const badge = laptop.page.getByTestId('entry-comments');
    await badge.getByText('1 comment, 1 new').waitFor({ state: 'attached' });
    // Commenting marks Ada's phrase but does not make Ben an author of her entry.
    await expect(laptop.page.locator('.entry-card__authors').innerText()).resolves.toMatch(/^A\s*By Ada$/);
    await screenshot(laptop.page, 'comments-4-timeline-new');

    // She reads it on her phone: the button says it is new until she opens the comments.
    const phone = await e2e.openPage(a.cookie, 375);
    await phone.page.goto(url);
    await phone.page.getByRole('button', { name: 'Comments (1, 1 new)' }).click();
    const thread = phone.page.getByRole('complementary', { name: 'Comments' }).getByRole('article').filter({ hasText: 'Never again!' });
    await thread.getByText('New', { exact: true }).first().waitFor();
    await screenshot(phone.page, 'comments-5-phone-sheet');


    // On the laptop's timeline, still open, it stops being new by itself.
    await badge.getByText('1 comment', { exact: true }).waitFor({ state: 'attached' });

    // A half-written reply survives closing the sheet.
    await thread.getByLabel('Reply').fill('Next time we take');
    await phone.page.getByRole('button', { name: 'Close' }).click();
    await phone.page.getByRole('button', { name: 'Comments (1)' }).click();
    await expect(thread.getByLabel('Reply').inputValue()).resolves.toBe('Next time we take');

    // Replying answers what was new: the badge goes at once, though the panel stays open.
    await thread.getByLabel('Reply').fill('Next time we take a towel.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await thread.getByText('Next time we take a towel.').waitFor();
    await expect(thread.getByText('New', { exact: true }).count()).resolves.toBe(0);
    // A resolved thread can be reopened, not replied to.
    await thread.getByRole('button', { name: 'Resolve' }).click();
    const sheet = phone.page.getByRole('complementary', { name: 'Comments' });
    await sheet.getByRole('button', { name: 'Resolved (1)' }).click();
    await thread.getByRole('button', { name: 'Reopen' }).waitFor();
    await expect(thread.getByLabel('Reply').count()).resolves.toBe(0);
    await thread.getByRole('button', { name: 'Reopen' }).click();
    await thread.getByLabel('Reply').waitFor();

    // On the phone, selected text offers "Comment" right beside it.
    await phone.page.getByRole('button', { name: 'Close' }).click();
    await phone.page.getByLabel('Entry text').click();
    await select(phone.page, 'at night');
    await phone.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await phone.page.getByLabel('Comment', { exact: true }).fill('It was warm though!');
    await phone.page.getByRole('button', { name: 'Post comment' }).click();
    await panel(ben.page).getByRole('article').filter({ hasText: 'It was warm though!' }).waitFor();
  });

  it('shows a thread whose mark is still on its way without calling it "on deleted text"', async () => {
    const { a, b, journalId } = await pairedCouple(e2e.server.url);
    const ada = await e2e.openPage(a.cookie);
    const ben = await e2e.openPage(b.cookie);
    // Ben's entry socket can be held: what he sends reaches the relay only when released.
    let hold = false;
    const held: (string | Buffer)[] = [];
    let relay: WebSocketRoute | null = null;
    await ben.page.routeWebSocket(/\/entry-/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => (hold ? held.push(message) : server.send(message)));
      relay = server;
    });
    const url = await startEntry(ada.page, journalId, 'We sat on the pier until dark.');
    await ben.page.goto(url);
    await waitForWords(ben.page, 'sat on the pier');
    await watchForDeletedLabel(ada.page);
    // Ben adds a few words before he comments.
    await ben.page.getByLabel('Entry text').press('Control+End');
    await ben.page.keyboard.type(' Cold, too.');
    await waitForWords(ada.page, 'until dark. Cold, too.');

    hold = true;
    await comment(ben.page, 'on the pier', 'Our spot.');
    // The thread reaches Ada through the API before its mark: it is listed, with its quote, and not as deleted.
    const thread = panel(ada.page).getByRole('article').filter({ hasText: 'Our spot.' });
    await thread.getByText('“on the pier”').waitFor();
    expect(await highlight(ada.page).count()).toBe(0);

    hold = false;
    for (const message of held.splice(0)) relay!.send(message);
    await highlight(ada.page).first().waitFor();
    await thread.getByRole('button', { name: '“on the pier”' }).waitFor();
    expect(await sawDeletedLabel(ada.page)).toBe(false);

    // Ben's undo takes back his words, never his comment (the mark is outside the undo history).
    await ben.page.getByLabel('Entry text').press('Control+z');
    await expect.poll(() => ada.page.getByLabel('Entry text').innerText()).not.toContain('Cold, too.');
    await expect(highlight(ada.page).first().innerText()).resolves.toBe('on the pier');
    await expect(highlight(ben.page).first().innerText()).resolves.toBe('on the pier');
  });
});
