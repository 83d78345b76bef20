import type * as Y from 'yjs';
import { fragmentPlainText } from '../editor/plainText';
import { ENTRY_BODY_FIELD, ENTRY_TITLE_FIELD } from '#shared/schema/entryFields.js';
import { PREVIEW_CHARS } from './entryIndex';

/** What the timeline shows of an entry, read from the entry's own document. */
export function readEntryText(entryDoc: Y.Doc): { title: string; preview: string } {
  return {
    title: entryDoc.getText(ENTRY_TITLE_FIELD).toString().trim(),
    preview: fragmentPlainText(entryDoc.getXmlFragment(ENTRY_BODY_FIELD), PREVIEW_CHARS),
  };
}
