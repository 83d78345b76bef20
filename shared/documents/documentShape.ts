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
