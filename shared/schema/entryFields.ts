/**
 * The parts of an entry document. Kept apart from entryContent.ts, which
 * imports TipTap, so code that only reads fields (background sync, the
 * timeline) does not pull the editor into the first page's bundle.
 */

/** The field of an entry document that holds its body (a Y.XmlFragment). */
export const ENTRY_BODY_FIELD = 'default';

/** The field of an entry document that holds its title (a Y.Text). */
export const ENTRY_TITLE_FIELD = 'title';
