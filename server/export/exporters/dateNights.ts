import { dateNightRoom, deckTitle, type NightEnd, type NightNote, type NightSetup, readEnd, readNotes, readSetup } from '#shared/documents/dateNight.js';
import { readOpenNights } from '#shared/documents/dateNightLog.js';
import { ritualsRoom } from '#shared/documents/rituals.js';
import { questionById } from '#shared/rituals/questionLibrary.js';
import { escapeHtml } from '../escapeHtml.js';
import { exporter } from '../Exporter.js';
import { nameOf } from '../ExportSource.js';

export interface DateNightRecord {
  id: string;
  setup: NightSetup;
  turns: { n: number; by: string; at: number }[];
  notes: Omit<NightNote, 'key'>[];
  end: NightEnd | null;
}

interface NightRef {
  id: string;
  startedAt: number;
}

function readTurns(map: Iterable<[string, unknown]>): DateNightRecord['turns'] {
  const turns: DateNightRecord['turns'] = [];
  for (const [key, value] of map) {
    const turn = value as { by?: unknown; at?: unknown } | null;
    if (/^\d+$/.test(key) && turn && typeof turn.by === 'string' && typeof turn.at === 'number') turns.push({ n: Number(key), by: turn.by, at: turn.at });
  }
  return turns.sort((a, b) => a.n - b.n);
}

/**
 * Date nights: the deck, who turned which card, what was written. An ended
 * night is also an entry (its id is the night's), exported with the entries;
 * this keeps the night itself, for a faithful import.
 */
export const dateNightsExporter = exporter<NightRef, DateNightRecord>({
  key: 'dateNights',
  heading: 'Our date nights',
  async refs(source) {
    const journalId = source.journal.id;
    const open = (await source.read(ritualsRoom(journalId), readOpenNights)) ?? [];
    const candidates = new Set([...source.entries.map((e) => e.id), ...open.map((n) => n.nightId)]);
    const refs: NightRef[] = [];
    for (const id of candidates) {
      const setup = await source.read(dateNightRoom(journalId, id), readSetup);
      if (setup) refs.push({ id, startedAt: setup.startedAt });
    }
    return refs.sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  },
  time: (ref) => ref.startedAt,
  async load(source, ref) {
    const record = await source.read(dateNightRoom(source.journal.id, ref.id), (doc) => ({
      id: ref.id,
      setup: readSetup(doc)!,
      turns: readTurns(doc.getMap<unknown>('turns').entries()),
      notes: readNotes(doc).map(({ id, turn, by, text, at }) => ({ id, turn, by, text, at })),
      end: readEnd(doc),
    }));
    return record!;
  },
  html(night, source) {
    const notes = night.notes
      .map((n) => `<li><strong>${escapeHtml(nameOf(source, n.by))}</strong>: <span class="prewrap">${escapeHtml(n.text)}</span></li>`)
      .join('');
    const cards = night.turns
      .map((t) => night.setup.deck[t.n % night.setup.deck.length])
      .map((id) => `<li>${escapeHtml(questionById(id)?.text ?? id)}</li>`)
      .join('');
    return `<article class="entry"><h3>${escapeHtml(deckTitle(night.setup.category))}</h3><p class="meta">Started by ${escapeHtml(nameOf(source, night.setup.startedBy))}</p>${cards ? `<ul>${cards}</ul>` : ''}${notes ? `<ul>${notes}</ul>` : ''}</article>`;
  },
});
