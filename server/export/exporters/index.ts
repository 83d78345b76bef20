import type { Exporter } from '../Exporter.js';
import { answersExporter } from './answers.js';
import { bucketListExporter } from './bucketList.js';
import { checkinsExporter } from './checkins.js';
import { dateNightsExporter } from './dateNights.js';
import { draftsExporter } from './drafts.js';
import { entriesExporter } from './entries.js';
import { notesExporter } from './notes.js';
import { photosExporter } from './photos.js';

/** Every kind of content in the archive, in the order journal.json and journal.html list them. A new kind is one line here. */
export const EXPORTERS: readonly Exporter[] = [
  entriesExporter,
  answersExporter,
  notesExporter,
  checkinsExporter,
  dateNightsExporter,
  draftsExporter,
  bucketListExporter,
  photosExporter,
];
