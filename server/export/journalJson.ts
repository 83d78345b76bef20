import type { ExportSource } from './ExportSource.js';
import type { BodyOptions } from './renderBody.js';
import type { ExportPlan } from './ExportPlan.js';

/** The version of journal.json's layout (docs/design/export.md); import refuses other versions. */
export const JOURNAL_FILE_FORMAT = 'duet-journal';
export const JOURNAL_FILE_VERSION = 1;

/**
 * journal.json, written piece by piece: the head, then each kind's records
 * one per line, each read only when it is its turn. Nothing in it says when it
 * was made, so an unchanged journal gives the same bytes.
 */
export async function* journalJson(source: ExportSource, plan: ExportPlan): AsyncGenerator<string> {
  const people = [...source.people.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, name]) => ({ id, name }));
  const head = {
    format: JOURNAL_FILE_FORMAT,
    version: JOURNAL_FILE_VERSION,
    journal: { id: source.journal.id, title: source.journal.title, createdAt: source.journal.createdAt },
    exportedBy: source.userId,
    people,
  };
  yield JSON.stringify(head).slice(0, -1);
  for (const { exporter, refs } of plan.kinds) {
    yield `,\n${JSON.stringify(exporter.key)}:[`;
    let first = true;
    for (const ref of refs) {
      const record = await exporter.load(source, ref);
      yield `${first ? '' : ','}\n${JSON.stringify(record)}`;
      first = false;
    }
    yield first ? ']' : '\n]';
  }
  yield '\n}\n';
}

export type { BodyOptions };
