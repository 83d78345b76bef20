import { CHECKIN_SECTIONS, type CarriedItem, checkinRoom, type DoneMark, focusText, parseSectionField, readCheckinMeta } from '#shared/documents/checkin.js';
import { readCheckinWeeks, ritualsRoom } from '#shared/documents/rituals.js';
import { escapeHtml } from '../escapeHtml.js';
import { exporter } from '../Exporter.js';
import { nameOf } from '../ExportSource.js';

export interface CheckinRecord {
  week: string;
  startedAt: number | null;
  members: Record<string, string>;
  carried: CarriedItem[];
  /** Person → section → their words. */
  sections: Record<string, Record<string, string>>;
  focus: string;
  done: Record<string, DoneMark>;
}

const SECTION_TITLES: Record<string, string> = {
  appreciations: 'Appreciations',
  wentWell: 'What went well',
  wasHard: 'What was hard',
  needNext: 'What I need next week',
};

/** Monday of an ISO week (YYYY-Www), for the file's date. */
function mondayOf(week: string): string {
  const [year, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (w - 1) * 7 * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Weekly check-ins: each person's sections, the shared thing to work on, what was ticked done. */
export const checkinsExporter = exporter<string, CheckinRecord>({
  key: 'checkins',
  heading: 'Our check-ins',
  async refs(source) {
    return ((await source.read(ritualsRoom(source.journal.id), readCheckinWeeks)) ?? []).sort();
  },
  time: (week) => Date.parse(`${mondayOf(week)}T00:00:00Z`),
  async load(source, week) {
    const record = await source.read(checkinRoom(source.journal.id, week), (doc) => {
      const meta = readCheckinMeta(doc);
      const sections: Record<string, Record<string, string>> = {};
      for (const name of [...doc.share.keys()].sort()) {
        const field = parseSectionField(name);
        if (!field) continue;
        const words = doc.getText(name).toString();
        if (words.trim() === '') continue;
        (sections[field.userId] ??= {})[field.section] = words;
      }
      const done: Record<string, DoneMark> = {};
      for (const [id, value] of doc.getMap<unknown>('done').entries()) {
        const mark = value as Partial<DoneMark> | null;
        if (mark && typeof mark.by === 'string' && typeof mark.at === 'number') done[id] = { by: mark.by, at: mark.at };
      }
      return { week, startedAt: meta.startedAt, members: sorted(meta.members), carried: meta.carried, sections, focus: focusText(doc).toString(), done: sorted(done) };
    });
    return record ?? { week, startedAt: null, members: {}, carried: [], sections: {}, focus: '', done: {} };
  },
  html(record, source) {
    const people = Object.entries(record.sections).map(([userId, sections]) => {
      const parts = CHECKIN_SECTIONS.filter((s) => sections[s]).map((s) => `<h4>${SECTION_TITLES[s]}</h4><p class="prewrap">${escapeHtml(sections[s])}</p>`);
      return `<div class="answer"><p class="meta">${escapeHtml(record.members[userId] ?? nameOf(source, userId))}</p>${parts.join('')}</div>`;
    });
    const focus = record.focus.trim() ? `<h4>One thing we'll work on together</h4><p class="prewrap">${escapeHtml(record.focus)}</p>` : '';
    return `<article class="entry"><h3>Week ${escapeHtml(record.week)}</h3>${people.join('')}${focus}</article>`;
  },
  markdown: {
    name: (week) => ({ date: mondayOf(week), title: `Check-in ${week}`, kind: 'check-in' }),
    file(record, source) {
      const people = Object.entries(record.sections).map(([userId, sections]) => {
        const name = record.members[userId] ?? nameOf(source, userId);
        return `## ${name}\n\n${CHECKIN_SECTIONS.filter((s) => sections[s]).map((s) => `### ${SECTION_TITLES[s]}\n\n${sections[s]}`).join('\n\n')}`;
      });
      const focus = record.focus.trim() ? `\n\n## One thing we'll work on together\n\n${record.focus}` : '';
      return { authors: Object.keys(record.sections).map((id) => record.members[id] ?? nameOf(source, id)), body: people.join('\n\n') + focus };
    },
  },
});
