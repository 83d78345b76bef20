import { escapeHtml } from './escapeHtml.js';
import type { ExportPlan } from './ExportPlan.js';
import type { ExportSource } from './ExportSource.js';

const STYLE = `
:root { color-scheme: light; }
body { font: 17px/1.6 Georgia, 'Times New Roman', serif; color: #2b2522; background: #fffdf9; max-width: 42rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 2.2rem; margin-bottom: 0.2rem; }
h2.section { font-size: 1.5rem; border-bottom: 1px solid #e4d9cf; padding-bottom: 0.3rem; margin-top: 3rem; }
h3 { font-size: 1.25rem; margin-bottom: 0.1rem; }
.meta, .muted { color: #7a6d64; font-size: 0.9rem; }
.entry, .note { margin: 1.5rem 0 2.5rem; }
.answer { border-left: 3px solid #e8c9b8; padding-left: 1rem; margin: 1rem 0; }
.question { font-style: italic; }
.prewrap { white-space: pre-wrap; }
.comments { font-size: 0.92rem; background: #f7f1ea; padding: 0.5rem 1rem; border-radius: 6px; }
.comments-title { font-weight: bold; margin: 0.3rem 0; }
figure { margin: 1rem 0; } img { max-width: 100%; height: auto; border-radius: 4px; }
figcaption { color: #7a6d64; font-size: 0.9rem; }
ul.tasks { list-style: none; padding-left: 0.5rem; }
blockquote { border-left: 3px solid #ddd; margin-left: 0; padding-left: 1rem; color: #5b514b; }
pre { white-space: pre-wrap; background: #f4f0ec; padding: 0.5rem; }
@media print {
  body { background: #fff; margin: 0; max-width: none; font-size: 11pt; }
  .entry, .note, figure { break-inside: avoid-page; }
  h2.section { break-before: page; }
  a { color: inherit; text-decoration: none; }
}`;

/**
 * journal.html: the whole journal on one printable page, readable without
 * Duet (inline CSS, no script, photos by relative path). Every piece of text
 * from the journal is escaped; links keep only http(s) and mailto targets.
 */
export async function* journalHtml(source: ExportSource, plan: ExportPlan): AsyncGenerator<string> {
  const title = escapeHtml(source.journal.title);
  yield `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body>\n`;
  const people = [...source.people.values()].sort().map(escapeHtml).join(' &amp; ');
  yield `<header><h1>${title}</h1><p class="meta">${people ? `${people} · ` : ''}kept since ${new Date(source.journal.createdAt).toISOString().slice(0, 10)}</p></header>\n`;
  for (const { exporter, refs } of plan.kinds) {
    let opened = false;
    for (const ref of refs) {
      const html = exporter.html(await exporter.load(source, ref), source, plan.bodyOptions);
      if (!html) continue;
      if (!opened) yield `<section><h2 class="section">${escapeHtml(exporter.heading)}</h2>\n`;
      opened = true;
      yield `${html}\n`;
    }
    if (opened) yield '</section>\n';
  }
  yield '</body></html>\n';
}
