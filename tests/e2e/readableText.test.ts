import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, type E2EPage, startE2E } from '../helpers/e2eSetup.js';
import { selectText } from '../helpers/selectText.js';

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Issue 12's text defects: comment and reply boxes were in the browser's
 * monospace font, and the muted text (times, placeholders, "Sending…") was
 * 3.5:1 on the paper colour, below WCAG AA's 4.5:1.
 */
describe('text people can read', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let journalId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    ({ journalId, ada } = await e2e.openCouple());
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('writes comments in the app’s own font', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await ada.page.getByRole('button', { name: 'New entry' }).click();
    await ada.page.getByLabel('Entry title').fill('The lake');
    await ada.page.getByLabel('Entry text').click();
    await ada.page.keyboard.type('We swam before breakfast.');
    await selectText(ada.page, 'swam');
    await ada.page.getByRole('button', { name: 'Add comment' }).click();
    const box = ada.page.getByLabel('Comment', { exact: true });
    const [boxFont, bodyFont] = await box.evaluate((el) => [getComputedStyle(el).fontFamily, getComputedStyle(document.body).fontFamily]);
    expect(boxFont).toBe(bodyFont);
    expect(boxFont.toLowerCase()).not.toContain('mono');
  });

  it('keeps muted text at AA contrast on every background it sits on', async () => {
    const colours = await ada.page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return Object.fromEntries(['--ink-faint', '--paper', '--paper-deep', '--card'].map((name) => [name, style.getPropertyValue(name).trim()]));
    });
    for (const background of ['--paper', '--paper-deep', '--card']) {
      expect(contrast(colours['--ink-faint'], colours[background]), `--ink-faint on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('rings a focused text field as clearly as any other control', async () => {
    const focusRing = () =>
      ada.page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { width: style.outlineWidth, style: style.outlineStyle, colour: style.outlineColor };
      });
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    // Reached by Tab, so the button shows the keyboard's ring.
    await ada.page.getByRole('button', { name: 'New entry' }).focus();
    await ada.page.keyboard.press('Shift+Tab');
    await ada.page.keyboard.press('Tab');
    const button = await focusRing();
    await ada.page.getByRole('button', { name: 'New entry' }).click();
    await ada.page.getByLabel('Entry text').click();
    await ada.page.keyboard.type('A quiet morning.');
    await selectText(ada.page, 'quiet');
    await ada.page.getByRole('button', { name: 'Add comment' }).click();
    await ada.page.getByLabel('Comment', { exact: true }).focus();
    expect(button.style).toBe('solid');
    expect(await focusRing()).toEqual(button);
  });
});
