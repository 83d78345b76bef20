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
  /**
   * Most structs (runs of content) one update may carry. Applying costs time
   * per struct, and a 4 MiB frame of characters typed at scattered places
   * holds some 400,000 of them: about a second of the server's time.
   */
  readonly maxStructsPerUpdate: number;
  /** Most nested shared types the document may hold. */
  readonly maxTypes: number;
  /** Most root types (`getText('title')`, `getXmlFragment('default')`, …). */
  readonly maxRoots: number;
  /**
   * Yjs client ids: each page load of each device writes under a new one. An
   * update may bring a few hundred (a device back from weeks offline). An
   * entry is written in a few sessions; the index in every session that
   * edits anything (ten a day for fifty years is 180,000).
   */
  readonly maxClientsPerUpdate: number;
  readonly maxClients: number;
  /** The nested shared types clients may create. Subdocuments are never allowed. */
  readonly nestedKinds: ReadonlySet<SharedTypeKind>;
}

/**
 * An entry: the TipTap/ProseMirror body (XML elements holding XML text) and a
 * title. 24 levels hold lists nested ten deep inside a quote; the editor's
 * schema makes nothing deeper. A paragraph is two types (element and text),
 * so 20,000 types in one update is a paste of 10,000 paragraphs, a long book.
 * 50,000 structs is a day of writing offline many times over. The costliest
 * updates these allow are measured by `npm run bench` ("Worst accepted
 * updates"). 200,000 types is an entry of 100,000 paragraphs.
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

/**
 * The journal index: `entries` maps an entry id to a map that holds an
 * `authors` map, so maps two deep. Room for some 50,000 entries.
 */
export const INDEX_SHAPE: DocumentShape = {
  maxDepth: 2,
  maxTypesPerUpdate: 20_000,
  maxStructsPerUpdate: 50_000,
  maxTypes: 100_000,
  maxRoots: 8,
  maxClientsPerUpdate: 256,
  maxClients: 200_000,
  nestedKinds: new Set(['map']),
};

/** A comments document: only the server writes it; clients may add nothing. */
export const SERVER_WRITTEN_SHAPE: DocumentShape = {
  maxDepth: 1,
  maxTypesPerUpdate: 0,
  maxStructsPerUpdate: 50_000,
  maxTypes: 100_000,
  maxRoots: 8,
  maxClientsPerUpdate: 256,
  maxClients: 20_000,
  nestedKinds: new Set(),
};
