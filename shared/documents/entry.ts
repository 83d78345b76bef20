import type * as Y from 'yjs';
import type { DocumentKind } from './DocumentKind.js';
import type { DocumentShape } from './documentShape.js';
import { roomName } from './roomNames.js';

/**
 * An entry document (`<journalId>/entry-<entryId>`): the day's words. Both
 * members write it through the editor. It imports no TipTap, so code that
 * only reads an entry (background sync, the timeline) does not pull the
 * editor into the first page's bundle; the editor's schema is
 * `shared/schema/entryContent.ts`.
 */

/** The field that holds the body: the TipTap/ProseMirror document as a Y.XmlFragment. */
export const ENTRY_BODY_FIELD = 'default';

/** The field that holds the title, a Y.Text. */
export const ENTRY_TITLE_FIELD = 'title';

export const entryBody = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(ENTRY_BODY_FIELD);
export const entryTitle = (doc: Y.Doc): Y.Text => doc.getText(ENTRY_TITLE_FIELD);

/**
 * The body (XML elements holding XML text) and a title. 24 levels hold lists
 * nested ten deep inside a quote; the editor's schema makes nothing deeper.
 * A paragraph is two types (element and text), so 20,000 types in one update
 * is a paste of 10,000 paragraphs, a long book. 50,000 structs is a day of
 * writing offline many times over. The costliest updates these allow are
 * measured by `npm run bench` ("Worst accepted updates"). 200,000 types is an
 * entry of 100,000 paragraphs.
 */
export const ENTRY_SHAPE: DocumentShape = {
  maxDepth: 24,
  maxTypesPerUpdate: 20_000,
  maxStructsPerUpdate: 50_000,
  maxTypes: 200_000,
  maxRoots: 8,
  maxClientsPerUpdate: 256,
  maxClients: 50_000,
  nestedKinds: new Set(['xmlElement', 'xmlText']),
};

export const entryDocument: DocumentKind = {
  name: 'entry',
  keyed: true,
  openTo: 'members',
  writtenBy: 'members',
  // Anything the editor can make is fine; the shape bounds what it costs.
  rule: null,
  shape: ENTRY_SHAPE,
};

export const entryRoom = (journalId: string, entryId: string): string => roomName(entryDocument, journalId, entryId);
