import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { answerRoom } from '#shared/documents/answer.js';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { createEntry, indexRoom, mirrorEntry, readEntrySummary } from '#shared/documents/journalIndex.js';
import { NOTE_TEXT_FIELD, noteRoom } from '#shared/documents/note.js';
import { readDayStatus, ritualsRoom } from '#shared/documents/rituals.js';
import { recallOn } from '#shared/memories/onThisDay.js';
import { addMonthsToDay } from '#shared/memories/monthGrid.js';
import { isLocalDay, localDay } from '#shared/rituals/calendar.js';
import type { Question } from '#shared/rituals/questionLibrary.js';
import { newId } from '#shared/model/ids.js';
import { questionFor } from '../../client/src/rituals/dayQuestion.js';
import type { ApiClient } from '../helpers/apiClient.js';
import { connectClient, waitForDoc } from '../helpers/collabClient.js';
import { jpegWithLocation, uploadPhoto } from '../helpers/testPhotos.js';
import { readPhotoRecord } from '#shared/documents/indexPhotos.js';
import { PHOTO_ELEMENT } from '#shared/documents/entryPhotos.js';
import { type E2E, type E2EPage, screenshot, startE2E } from '../helpers/e2eSetup.js';

const ZONE = 'UTC';

/** The day `years` ago that comes back today as "years ago" (a leap day skips years without one). */
function dayYearsAgo(today: string, years: number): string {
  for (let back = years; back < years + 8; back++) {
    const day = `${Number(today.slice(0, 4)) - back}${today.slice(4)}`;
    if (isLocalDay(day) && recallOn(day, today)?.kind === 'years') return day;
  }
  throw new Error(`no day ${years} years before ${today}`);
}

/** Puts a photo (its reference: the file is uploaded on its own) at the end of an entry body, as the editor would. */
function addPhoto(doc: Y.Doc, photoId: string): void {
  const photo = new Y.XmlElement(PHOTO_ELEMENT);
  photo.setAttribute('id', photoId);
  photo.setAttribute('caption', '');
  entryBody(doc).insert(entryBody(doc).length, [photo]);
}

/** Writes a paragraph into an entry-shaped body, as the editor would. */
function writeParagraph(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  entryBody(doc).insert(entryBody(doc).length, [paragraph]);
}

/**
 * On This Day, the timeline's filters and the calendar in two browsers, with
 * earlier years seeded the way the app writes them: entries in the index
 * with an earlier date (and their documents), a question both answered a
 * year ago (each answer in its own sealed document, then "I have answered"),
 * a photo in last year's entry, and a love note delivered today.
 */
describe('On This Day, timeline filters and the calendar', () => {
  let e2e: E2E;
  let ada: E2EPage;
  let ben: E2EPage;
  let journalId: string;
  let a: ApiClient;
  let b: ApiClient;
  let adaId: string;
  let benId: string;
  const today = localDay(Date.now(), ZONE);
  const yearAgo = dayYearsAgo(today, 1);
  const twoYearsAgo = dayYearsAgo(today, 2);
  const monthAgo = addMonthsToDay(today, -1);
  const monthAgoComesBack = recallOn(monthAgo, today)?.kind === 'month';
  /** Last year's question, as both devices pick it for a day the schedule no longer holds. */
  let question: Question;

  /** Changes a document as `as`, and waits until a fresh connection sees the change on the relay. */
  async function write(room: string, as: ApiClient, change: (doc: Y.Doc) => void, stored: (doc: Y.Doc) => boolean) {
    const client = connectClient(e2e.server.wsUrl, room, as.cookie);
    await client.synced;
    change(client.doc);
    const probe = connectClient(e2e.server.wsUrl, room, as.cookie);
    await probe.synced;
    await waitForDoc(probe.doc, stored);
    probe.destroy();
    client.destroy();
  }

  /** An entry written on an earlier day: its index record (as the app creates it) and its document. */
  async function seedEntry(as: ApiClient, author: { id: string; name: string }, day: string, title: string, words: string, photoId?: string) {
    const [y, m, d] = day.split('-').map(Number);
    let entryId = '';
    await write(
      indexRoom(journalId),
      as,
      (doc) => {
        // Noon on that day in this process's zone, so createEntry dates it `day`.
        entryId = createEntry(doc, author, new Date(y, m - 1, d, 12));
        mirrorEntry(doc, entryId, { title, preview: words, author, at: Date.UTC(y, m - 1, d, 12) });
      },
      (doc) => readEntrySummary(doc, entryId)?.preview === words,
    );
    await write(
      entryRoom(journalId, entryId),
      as,
      (doc) => {
        entryTitle(doc).insert(0, title);
        writeParagraph(doc, words);
        if (photoId) addPhoto(doc, photoId);
      },
      (doc) => entryBody(doc).toString().includes(words),
    );
    return entryId;
  }

  async function answer(as: ApiClient, userId: string, day: string, words: string) {
    await write(answerRoom(journalId, userId, day), as, (doc) => writeParagraph(doc, words), (doc) => entryBody(doc).toString().includes(words));
    const res = await as.request('POST', `/api/journals/${journalId}/days/${day}/answer`, { questionId: question.id });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    e2e = await startE2E();
    let couple;
    ({ journalId, ada, ben, couple } = await e2e.openCouple([1280, 375]));
    ({ a, b } = couple);
    adaId = couple.userA.id;
    benId = couple.userB.id;
    expect((await a.request('PUT', `/api/journals/${journalId}/rituals/rhythm`, { timeZone: ZONE })).status).toBe(200);

    const rituals = connectClient(e2e.server.wsUrl, ritualsRoom(journalId), a.cookie);
    await rituals.synced;
    question = questionFor(rituals.doc, journalId, yearAgo, 0);

    // Last year's entry holds a photo: the server records it in the index and follows the entry that shows it.
    const photoId = newId();
    const lanterns = await seedEntry(a, { id: adaId, name: 'Ada' }, yearAgo, 'The night of the lanterns', 'We walked down to the harbour and let go of two paper lanterns.', photoId);
    expect((await uploadPhoto(a, journalId, photoId, await jpegWithLocation(), { entryId: lanterns })).status).toBe(201);
    const index = connectClient(e2e.server.wsUrl, indexRoom(journalId), a.cookie);
    await waitForDoc(index.doc, (doc) => readPhotoRecord(doc, photoId)?.shownIn === lanterns);
    index.destroy();
    await seedEntry(b, { id: benId, name: 'Ben' }, twoYearsAgo, 'Our first proper picnic', 'It rained on the bread and we ate it anyway.');
    await seedEntry(a, { id: adaId, name: 'Ada' }, addMonthsToDay(yearAgo, 2), 'Not this day', 'Some other day of that year.');
    if (monthAgoComesBack) await seedEntry(b, { id: benId, name: 'Ben' }, monthAgo, 'Soup season', 'The first cold evening, lentils and a film.');
    await answer(a, adaId, yearAgo, 'The way you hum when you think nobody listens.');
    await answer(b, benId, yearAgo, 'Your laugh on the phone with your sister.');
    // A note from Ben, delivered now: Ada has not opened it yet.
    const noteId = newId();
    await write(noteRoom(journalId, benId, noteId), b, (doc) => doc.getText(NOTE_TEXT_FIELD).insert(0, 'Dinner is on me tonight.'), (doc) => doc.getText(NOTE_TEXT_FIELD).length > 0);
    expect((await b.request('PUT', `/api/journals/${journalId}/notes/${noteId}`, { emoji: '🍝', deliverAt: Date.now() })).status).toBe(200);
    await waitForDoc(rituals.doc, (doc) => readDayStatus(doc, yearAgo).revealedAt !== null && doc.getMap('notes').size === 1);
    rituals.destroy();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const card = (page: Page) => page.getByTestId('on-this-day');
  const timeline = (page: Page) => page.getByRole('list', { name: 'Entries' });
  const query = (page: Page) => new URL(page.url()).searchParams;

  it('brings back last year’s entry and both answers, and earlier years folded', async () => {
    await ada.page.goto(`${e2e.server.url}/journals/${journalId}`);
    const onThisDay = card(ada.page);
    await onThisDay.getByRole('heading', { name: /^A year ago today/ }).waitFor();
    await onThisDay.getByRole('link', { name: 'The night of the lanterns', exact: true }).waitFor();
    await onThisDay.getByText('two paper lanterns').waitFor();
    // Its photo, as a thumbnail that leads to the entry, loaded from the server for members.
    const thumb = onThisDay.getByRole('img', { name: 'A photo from “The night of the lanterns”' });
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await onThisDay.getByRole('link', { name: question.text }).waitFor();
    await onThisDay.getByText('The way you hum when you think nobody listens.').waitFor();
    await onThisDay.getByText('Your laugh on the phone with your sister.').waitFor();
    expect(await onThisDay.getByText('Some other day of that year').count()).toBe(0);

    // Two years ago (and a month ago) wait under one line until asked for.
    const more = onThisDay.getByText(/^More from this day/);
    expect(await onThisDay.getByRole('link', { name: 'Our first proper picnic' }).isVisible()).toBe(false);
    await more.click();
    await onThisDay.getByRole('heading', { name: /^Two years ago today/ }).waitFor();
    await onThisDay.getByRole('link', { name: 'Our first proper picnic' }).waitFor();
    if (monthAgoComesBack) await onThisDay.getByRole('link', { name: 'Soup season' }).waitFor();
    await screenshot(ada.page, 'onthisday-1-ada-1280');

    // Ben on his phone sees the same day, his answer and Ada's.
    await ben.page.goto(`${e2e.server.url}/journals/${journalId}`);
    await card(ben.page).getByText('Your laugh on the phone with your sister.').waitFor();
    await card(ben.page).getByText('The way you hum when you think nobody listens.').waitFor();
    await screenshot(ben.page, 'onthisday-2-ben-375');

    // Each memory leads to its page.
    await card(ben.page).getByRole('link', { name: 'The night of the lanterns', exact: true }).click();
    await ben.page.getByLabel('Entry title').waitFor();
    expect(await ben.page.getByLabel('Entry title').inputValue()).toBe('The night of the lanterns');
    await ben.page.goBack();
    await card(ben.page).getByRole('link', { name: question.text }).click();
    await ben.page.getByRole('heading', { name: question.text }).waitFor();
    await ben.page.getByRole('region', { name: 'Ada’s answer' }).getByText('nobody listens').waitFor();
  });

  it('filters the timeline by kind and by who wrote, with counts, and back undoes each step', async () => {
    const page = ada.page;
    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    // Last year's entry with its photo is a memory; the others are entries.
    const entries = monthAgoComesBack ? 3 : 2;
    const show = page.getByRole('group', { name: 'Show' });
    const by = page.getByRole('group', { name: 'Written by' });
    await show.getByRole('button', { name: `Everything ${entries + 3}` }).waitFor();
    await show.getByRole('button', { name: `Entries ${entries}` }).waitFor();
    await show.getByRole('button', { name: 'Memories 1' }).waitFor();
    await show.getByRole('button', { name: 'Answers 1' }).waitFor();
    await show.getByRole('button', { name: 'Notes 1' }).waitFor();

    // The note from Ben stands on the timeline without spoiling its words before Ada opens it.
    await timeline(page).getByRole('link', { name: 'A note from Ben' }).waitFor();
    await timeline(page).getByText('Waiting for you to open it.').waitFor();
    expect(await timeline(page).getByText('Dinner is on me').count()).toBe(0);

    await show.getByRole('button', { name: /^Memories/ }).click();
    await expect.poll(() => query(page).get('kind')).toBe('memory');
    await expect.poll(() => timeline(page).getByRole('listitem').count()).toBe(1);
    await timeline(page).getByRole('link', { name: 'The night of the lanterns' }).waitFor();

    await show.getByRole('button', { name: /^Answers/ }).click();
    await expect.poll(() => query(page).get('kind')).toBe('answer');
    await expect.poll(() => timeline(page).getByRole('listitem').count()).toBe(1);
    await timeline(page).getByRole('link', { name: question.text }).waitFor();

    await show.getByRole('button', { name: /^Everything/ }).click();
    await by.getByRole('button', { name: /^Ben/ }).click();
    await expect.poll(() => query(page).get('by')).toBe('partner');
    // Ben's two entries, the day both answered, and his note.
    const bens = monthAgoComesBack ? 4 : 3;
    await by.getByRole('button', { name: `Ben ${bens}` }).waitFor();
    await expect.poll(() => timeline(page).getByRole('listitem').count()).toBe(bens);
    expect(await timeline(page).getByRole('link', { name: 'The night of the lanterns' }).count()).toBe(0);
    await by.getByRole('button', { name: 'Both of us 1' }).waitFor();
    await screenshot(page, 'onthisday-3-ada-filtered');

    // Back steps through the filters, as they were chosen.
    await page.goBack();
    await expect.poll(() => query(page).get('by')).toBe(null);
    await page.goBack();
    await expect.poll(() => query(page).get('kind')).toBe('answer');
    await expect.poll(() => timeline(page).getByRole('listitem').count()).toBe(1);
    await page.goBack();
    await expect.poll(() => query(page).get('kind')).toBe('memory');
    await page.goBack();
    await expect.poll(() => query(page).toString()).toBe('');
    await expect.poll(() => timeline(page).getByRole('listitem').count()).toBe(entries + 3);
  });

  it('shows a month with a dot for each writer, moves by keyboard and opens a day', async () => {
    const page = ben.page;
    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Calendar' }).click();
    await expect.poll(() => query(page).get('view')).toBe('calendar');
    const grid = page.getByRole('grid');
    await grid.waitFor();
    await page.getByText('Choose a day to read what you wrote.').waitFor();

    // The focus starts on today; Shift+Page Up goes back a year, arrows move a day.
    const todayButton = grid.locator(`button[data-day="${today}"]`);
    await todayButton.focus();
    await page.keyboard.press('Shift+PageUp');
    const sameDayLastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}`;
    const landed = await page.evaluate(() => document.activeElement?.getAttribute('data-day'));
    expect(landed?.startsWith(sameDayLastYear)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-day'))).toBe(landed);
    await expect.poll(() => query(page).get('month')).toBe(yearAgo.slice(0, 7));

    // Last year's day: Ada wrote an entry and both answered, so it carries both dots.
    const day = grid.locator(`button[data-day="${yearAgo}"]`);
    expect(await day.getAttribute('aria-label')).toMatch(/you and Ada wrote$/);
    expect(await day.locator('.month-calendar__dot').count()).toBe(2);
    await day.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => query(page).get('day')).toBe(yearAgo);
    await page.getByTestId('timeline-status').getByText('2 things written').waitFor();
    await timeline(page).getByRole('link', { name: 'The night of the lanterns' }).waitFor();
    await timeline(page).getByRole('link', { name: question.text }).waitFor();
    await screenshot(page, 'onthisday-4-ben-calendar-375');

    // The address alone brings the same view back, on a wide screen too.
    await ada.page.goto(page.url());
    await ada.page.getByTestId('timeline-status').getByText('2 things written').waitFor();
    await screenshot(ada.page, 'onthisday-5-ada-calendar-1280');

    // Next month shows the next month; back returns to the chosen day.
    await page.getByRole('button', { name: /^Next month/ }).click();
    await expect.poll(() => query(page).get('month')).not.toBe(yearAgo.slice(0, 7));
    await page.goBack();
    await expect.poll(() => query(page).get('day')).toBe(yearAgo);
    await grid.locator(`button[data-day="${yearAgo}"]`).waitFor();
  });

  it('works offline from what the device holds', async () => {
    const page = ada.page;
    await page.goto(`${e2e.server.url}/journals/${journalId}`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await card(page).getByText('Your laugh on the phone with your sister.').waitFor();
    await ada.context.setOffline(true);
    await page.reload();
    await card(page).getByRole('link', { name: 'The night of the lanterns', exact: true }).waitFor();
    await card(page).getByText('Your laugh on the phone with your sister.').waitFor();
    await card(page).getByText('The way you hum when you think nobody listens.').waitFor();
    await ada.context.setOffline(false);
  });
});
