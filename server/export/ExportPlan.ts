import type { Exporter } from './Exporter.js';
import type { ExportSource } from './ExportSource.js';
import { photoFile } from './exporters/photos.js';
import type { BodyOptions } from './renderBody.js';
import type { StoredPhoto } from '../storage/PhotoStore.js';

/** What an archive will hold, listed before any file is written: each kind's refs (small), the photos, the newest time. */
export interface ExportPlan {
  kinds: { exporter: Exporter; refs: unknown[] }[];
  photos: StoredPhoto[];
  /** The newest time any ref knows: the mtime of journal.json and journal.html. */
  newest: number;
  bodyOptions: BodyOptions;
}

export async function planExport(source: ExportSource, exporters: readonly Exporter[]): Promise<ExportPlan> {
  const kinds: ExportPlan['kinds'] = [];
  let newest = source.journal.createdAt;
  for (const exporter of exporters) {
    const refs = await exporter.refs(source);
    for (const ref of refs) newest = Math.max(newest, exporter.time(ref));
    kinds.push({ exporter, refs });
  }
  // Only photos whose files are all stored: an upload still being made is not a photo yet.
  const photos: StoredPhoto[] = [];
  for (const photo of await source.storage.photos.photosOf(source.journal.id)) {
    if (await source.storage.photos.files(photo.hash)) photos.push(photo);
  }
  photos.sort((a, b) => (a.id < b.id ? -1 : 1));
  const paths = new Map(photos.map((p) => [p.id, photoFile(p)]));
  return { kinds, photos, newest, bodyOptions: { photoPath: (id) => paths.get(id) ?? null } };
}
