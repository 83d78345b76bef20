/** A document's durable state: an optional merged snapshot plus the updates appended after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last stored update (0 when there are none). */
  lastSeq: number;
  /** The user each Yjs client id writing in this document belongs to (see PendingUpdate.owners). */
  owners: ReadonlyMap<number, string>;
}

export interface PendingUpdate {
  doc: string;
  update: Uint8Array;
  /**
   * Client ids this update writes under for the first time in the document,
   * with the user they now belong to. Stored in the same transaction as the
   * update; a client id's first owner is kept for good.
   */
  owners?: readonly (readonly [client: number, userId: string])[];
}

/**
 * What the relay needs from storage, and nothing more. Every backend must make
 * `appendUpdates` durable before its promise resolves: the relay broadcasts an
 * update only after that.
 */
export interface DocStore {
  loadDoc(doc: string): Promise<StoredDoc>;
  /** Stores a batch in one transaction; resolves with each update's sequence number, in order. */
  appendUpdates(batch: readonly PendingUpdate[]): Promise<number[]>;
  /** Atomically replaces the snapshot and drops the updates it now contains (seq <= throughSeq). */
  compactDoc(doc: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Stored bytes and document count of every document whose name starts with `prefix`. */
  usage(prefix: string): Promise<{ bytes: number; docs: number }>;
}
