import type { BodyOptions } from './renderBody.js';
import type { ExportSource } from './ExportSource.js';

/** How a record is named and described in `entries/YYYY-MM-DD-<slug>.md`. */
export interface MarkdownName {
  /** YYYY-MM-DD */
  date: string;
  title: string;
  /** entry | date-night | answers | check-in | draft */
  kind: string;
}

export interface MarkdownFile {
  /** The title as the item's own document has it, when it may differ from the name's. */
  title?: string;
  authors: string[];
  body: string;
}

/**
 * One kind of content in the archive (docs/design/export.md). `refs` lists
 * what the person may read, cheaply and sorted (a stable order makes a
 * stable archive); `load` reads one item's documents when a file needs it, so
 * nothing is held longer than one item. The same record feeds `journal.json`
 * (as is), `journal.html` and, for kinds that have one, a Markdown file.
 */
export interface Exporter<Ref = unknown, Rec = unknown> {
  /** The record list's key in journal.json. */
  key: string;
  /** Its section's heading in journal.html. */
  heading: string;
  refs(source: ExportSource): Promise<Ref[]>;
  /** When the item last changed, as far as its ref knows (a zip entry's mtime). */
  time(ref: Ref): number;
  load(source: ExportSource, ref: Ref): Promise<Rec>;
  html(record: Rec, source: ExportSource, options: BodyOptions): string;
  markdown?: {
    name(ref: Ref, source: ExportSource): MarkdownName;
    file(record: Rec, source: ExportSource, options: BodyOptions): MarkdownFile;
  };
}

/** Declares an exporter with its own ref and record types, kept in the list as `Exporter`. */
export function exporter<Ref, Rec>(definition: Exporter<Ref, Rec>): Exporter {
  return definition as unknown as Exporter;
}
