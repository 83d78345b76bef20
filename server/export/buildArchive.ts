import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Exporter } from './Exporter.js';
import type { ExportSource } from './ExportSource.js';
import { planExport } from './ExportPlan.js';
import { journalHtml } from './journalHtml.js';
import { journalJson } from './journalJson.js';
import { markdownFile } from './markdownFile.js';
import { slugOf, UniqueNames } from './slug.js';

/** yazl clamps earlier times; a missing time reads as the journal's start. */
const dateOf = (ms: number, fallback: number) => new Date(ms > 0 ? ms : fallback);

type Lazy = (cb: (error: unknown, stream: NodeJS.ReadableStream) => void) => void;

function lazily(make: () => Promise<Readable>): Lazy {
  return (cb) => {
    make().then(
      (stream) => cb(null, stream),
      (error: unknown) => cb(error instanceof Error ? error : new Error(String(error)), Readable.from([])),
    );
  };
}

const textStream = (chunks: AsyncIterable<string>) => Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 });

/**
 * The archive as a zip stream (docs/design/export.md): journal.json,
 * journal.html, entries/*.md, photos/*. Only the plan (each kind's refs: ids
 * and times) is made up front; every file is made by yazl's lazy callback
 * when it is its turn, reading one item's documents at a time, and photos are
 * piped from their files, so memory does not grow with the journal. Entry
 * order, names, contents and mtimes all come from the journal, so the same
 * journal gives the same bytes.
 */
export async function buildArchive(source: ExportSource, exporters: readonly Exporter[]): Promise<Readable> {
  const plan = await planExport(source, exporters);
  const zip = new ZipFile();
  const start = source.journal.createdAt;
  const newest = dateOf(plan.newest, start);
  zip.addReadStreamLazy('journal.json', { mtime: newest }, lazily(async () => textStream(journalJson(source, plan))));
  zip.addReadStreamLazy('journal.html', { mtime: newest }, lazily(async () => textStream(journalHtml(source, plan))));

  const names = new UniqueNames();
  for (const { exporter, refs } of plan.kinds) {
    const markdown = exporter.markdown;
    if (!markdown) continue;
    for (const ref of refs) {
      const name = markdown.name(ref, source);
      const path = `entries/${names.take(`${name.date}-${slugOf(name.title)}`)}.md`;
      zip.addReadStreamLazy(
        path,
        { mtime: dateOf(exporter.time(ref), start) },
        lazily(async () => {
          const record = await exporter.load(source, ref);
          return Readable.from([Buffer.from(markdownFile(name, markdown.file(record, source, plan.bodyOptions)))]);
        }),
      );
    }
  }

  for (const photo of plan.photos) {
    const path = plan.bodyOptions.photoPath(photo.id)!;
    // Already compressed images: stored as they are.
    zip.addReadStreamLazy(
      path,
      { mtime: dateOf(photo.uploadedAt, start), compress: false },
      lazily(async () => {
        const file = await source.storage.photos.openFile(photo.hash, 'full');
        if (!file) throw new Error(`the full-size file of photo ${photo.id} is missing`);
        return file.stream;
      }),
    );
  }
  const output = zip.outputStream as Readable;
  // A file that cannot be read ends the download with an error (a truncated zip), never a zip with a hole in it.
  zip.on('error', (error: Error) => output.destroy(error));
  zip.end();
  return output;
}
