// Scratch walkthrough (not committed): a new user's comment session against a running server.
import { chromium } from 'playwright-core';
const BASE = process.env.BASE ?? 'http://127.0.0.1:8899';
const shot = (page, name) => page.screenshot({ path: `/tmp/walk/${name}.png`, fullPage: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const maya = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
const theoCtx = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
const theo = await theoCtx.newPage();
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);
async function signUp(page, name) {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}${Date.now()}@example.com`);
  await page.getByLabel('Password').fill(`${name} loves long walks`);
  await page.getByRole('button', { name: 'Create account' }).click();
}
async function selectText(page, phrase) {
  await page.evaluate((phrase) => {
    const root = document.querySelector('[aria-label="Entry text"]');
    for (const block of root.querySelectorAll('p, li, h2, h3')) {
      const nodes = []; let text = '';
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.parentElement.closest('.collaboration-carets__caret') ? 2 : 1) });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ n, start: text.length }); text += n.textContent; }
      const at = text.indexOf(phrase); if (at < 0) continue;
      const loc = (off, end) => { const h = [...nodes].reverse().find((x) => (end ? x.start < off : x.start <= off)); return [h.n, off - h.start]; };
      const r = document.createRange(); r.setStart(...loc(at, false)); r.setEnd(...loc(at + phrase.length, true));
      const s = getSelection(); s.removeAllRanges(); s.addRange(r); return;
    }
    throw new Error('no ' + phrase);
  }, phrase);
}
try {
  await maya.goto(`${BASE}/signup`);
  await signUp(maya, 'Maya');
  await maya.getByLabel('Journal title').fill('Maya & Theo');
  await maya.getByRole('button', { name: 'Create journal' }).click();
  await maya.getByRole('button', { name: 'Invite your partner' }).click();
  const invite = await maya.getByLabel('Invite link').inputValue();
  await theo.goto(invite);
  await signUp(theo, 'Theo');
  await theo.getByRole('heading', { name: 'Maya & Theo' }).waitFor();
  log('paired');
  await maya.getByRole('button', { name: 'New entry' }).click();
  await maya.getByLabel('Entry title').fill('Our first trip');
  await maya.getByLabel('Entry text').click();
  await maya.keyboard.type('We took the night train to the coast. The sea was loud and we could not sleep. In the morning we found a tiny bakery.');
  await maya.getByText('All changes synced').first().waitFor();
  const url = maya.url();
  log('entry', url);

  // Maya comments with the keyboard only: select with Shift+arrows, Ctrl+Alt+M.
  await selectText(maya, 'night train');
  await maya.keyboard.press('Control+Alt+m');
  await maya.getByLabel('Comment', { exact: true }).fill('Best decision of the year.');
  await maya.keyboard.press('Enter').catch(() => {});
  const post = maya.getByRole('button', { name: 'Post comment' });
  if (await post.isVisible()) await post.click();
  await shot(maya, '01-maya-keyboard-comment');
  log('maya commented');

  // Theo on his phone opens the entry, sees the highlight, taps it.
  await theo.goto(url);
  await theo.locator('.comment-anchor').first().waitFor();
  await shot(theo, '02-theo-phone-entry');
  await theo.locator('.comment-anchor').first().click();
  await theo.getByRole('complementary', { name: 'Comments' }).waitFor();
  await shot(theo, '03-theo-sheet-after-tap');
  const threadT = theo.getByRole('complementary', { name: 'Comments' }).getByRole('article').first();
  await threadT.getByLabel('Reply').fill('And the worst sleep 😅');
  await threadT.getByRole('button', { name: 'Send reply' }).click();
  await theo.getByRole('button', { name: 'Close' }).click();
  // Theo adds an overlapping comment on "train to the coast".
  await selectText(theo, 'train to the coast');
  await theo.getByRole('button', { name: 'Add comment' }).click();
  await theo.getByLabel('Comment', { exact: true }).fill('Can we go again in spring?');
  await theo.getByRole('button', { name: 'Post comment' }).click();
  await shot(theo, '04-theo-second-comment');
  log('theo replied and commented');

  // Maya sees both, overlapping highlights; she reacts, edits, resolves one.
  const panelM = maya.getByRole('complementary', { name: 'Comments' });
  await panelM.getByRole('article').filter({ hasText: 'Can we go again in spring?' }).waitFor();
  await panelM.getByRole('article').filter({ hasText: 'And the worst sleep' }).waitFor();
  await shot(maya, '05-maya-two-threads');
  const first = panelM.getByRole('article').filter({ hasText: 'Best decision' });
  await first.getByRole('button', { name: 'React with ❤️' }).nth(1).click();
  await first.getByRole('button', { name: 'Edit' }).first().click();
  await shot(maya, '06-maya-editing');
  const edit = first.getByRole('textbox').first();
  await edit.fill('Best decision of the whole year.');
  await first.getByRole('button', { name: 'Save' }).click();
  await first.getByRole('button', { name: 'Resolve' }).click();
  await panelM.getByRole('button', { name: /Resolved \(1\)/ }).waitFor();
  await shot(maya, '07-maya-resolved');
  await panelM.getByRole('button', { name: /Resolved \(1\)/ }).click();
  await shot(maya, '08-maya-resolved-shown');
  // Show in text from the second thread.
  const second = panelM.getByRole('article').filter({ hasText: 'Can we go again' });
  await second.getByRole('button', { name: /train to the coast/ }).click();
  await shot(maya, '09-maya-show-in-text');
  log('maya resolved');

  // Theo's timeline: count and new.
  await theo.goto(url.replace(/\/entries\/.*/, ''));
  await theo.waitForTimeout(1500);
  await shot(theo, '10-theo-timeline');
  await maya.goto(url.replace(/\/entries\/.*/, ''));
  await maya.waitForTimeout(1500);
  await shot(maya, '11-maya-timeline');
  log('done');
} catch (e) {
  console.error('FAILED', e.message.split('\n').slice(0, 6).join('\n'));
  await shot(maya, 'zz-maya-fail');
  await shot(theo, 'zz-theo-fail');
} finally {
  await browser.close();
}
