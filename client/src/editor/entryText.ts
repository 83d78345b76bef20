import type * as Y from 'yjs';
import { fragmentPlainText } from '#shared/documents/plainText.js';
import { entryBody, entryTitle } from '#shared/documents/entry.js';
import { PREVIEW_CHARS } from '#shared/documents/journalIndex.js';

/** What the timeline shows of an entry, read from the entry's own document. */
export function readEntryText(entryDoc: Y.Doc): { title: string; preview: string } {
  return {
    title: entryTitle(entryDoc).toString().trim(),
    preview: fragmentPlainText(entryBody(entryDoc), PREVIEW_CHARS),
  };
}
