/**
 * The structure each kind of Duet document may have. The relay checks every
 * client update against its room's shape before applying it: Yjs's cost of
 * applying an update grows with how deeply its shared types nest (observers
 * run up the whole ancestor chain of every change), so a document of an
 * unknown shape is a way to stall the server, and one nobody can open.
 *
 * "Depth" counts nested shared types below a root: in an entry, a paragraph
 * is depth 1 and its text depth 2; a list item's paragraph inside a bullet
 * list is depth 3 and its text depth 4.
 */
export type SharedTypeKind = 'map' | 'array' | 'text' | 'xmlElement' | 'xmlText' | 'xmlFragment' | 'xmlHook';

export interface DocumentShape {
  /** Deepest nesting of shared types below a root. */
  readonly maxDepth: number;
  /** Most nested shared types one update may create. */
  readonly maxTypesPerUpdate: number;
  /** Most nested shared types the document may hold. */
  readonly maxTypes: number;
  /** Most root types (`getText('title')`, `getXmlFragment('default')`, …). */
  readonly maxRoots: number;
  /** The nested shared types clients may create. Subdocuments are never allowed. */
  readonly nestedKinds: ReadonlySet<SharedTypeKind>;
}

/**
 * An entry: the TipTap/ProseMirror body (XML elements holding XML text) and a
 * title. 24 levels hold lists nested ten deep inside a quote; the editor's
 * schema makes nothing deeper. Per update, 100,000 types is a paste of some
 * 50,000 paragraphs, beyond what the editor lets one paste be.
 */
export const ENTRY_SHAPE: DocumentShape = {
  maxDepth: 24,
  maxTypesPerUpdate: 100_000,
  maxTypes: 400_000,
  maxRoots: 8,
  nestedKinds: new Set(['xmlElement', 'xmlText']),
};

/**
 * The journal index: `entries` maps an entry id to a map that holds an
 * `authors` map, so maps two deep. Room for some 50,000 entries.
 */
export const INDEX_SHAPE: DocumentShape = {
  maxDepth: 2,
  maxTypesPerUpdate: 20_000,
  maxTypes: 100_000,
  maxRoots: 8,
  nestedKinds: new Set(['map']),
};

/** A comments document: only the server writes it; clients may add nothing. */
export const SERVER_WRITTEN_SHAPE: DocumentShape = {
  maxDepth: 1,
  maxTypesPerUpdate: 0,
  maxTypes: 100_000,
  maxRoots: 8,
  nestedKinds: new Set(),
};
