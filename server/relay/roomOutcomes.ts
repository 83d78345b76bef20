/**
 * What a room answers its connections, as typed values: the room decides, the
 * connection turns each answer into a frame or a close code (Connection's
 * CLOSE_FOR), so no string or boolean carries a meaning only its reader knows.
 */

/** Why a room refuses a client's update. */
export type Refusal =
  /** It writes under a Yjs client id that belongs to someone else. */
  | 'owner'
  /** It breaks the document kind's shape (nesting, counts, kinds of types). */
  | 'shape'
  /** The room's change rule names a problem with it. */
  | 'rule'
  /** It changes a document only the server writes. */
  | 'readOnly'
  /** It decodes but cannot be decoded in full, or Yjs cannot integrate it. */
  | 'unapplicable'
  /** It depends on more missing changes than the relay waits for. */
  | 'outOfOrder'
  /** Storing it would take the journal past its quota. */
  | 'quota';

export interface Refused {
  readonly kind: 'refused';
  readonly refusal: Refusal;
  readonly reason: string;
  /** It had been applied, so the room is reloading from storage; its sender pays for that (RESET_COST_BYTES). */
  readonly reset: boolean;
}

/** What became of one client update handed to `Room.receiveUpdate`. */
export type UpdateOutcome =
  /** Applied; its write is under way (or it added nothing new, as when a reconnecting client resends). */
  | { readonly kind: 'applied' }
  /** Depends on changes the room lacks; kept for the sender, unapplied and unstored, until they arrive. */
  | { readonly kind: 'held' }
  | Refused;

/** Shared instances: the hot path allocates no outcome per update. */
export const APPLIED: UpdateOutcome = Object.freeze({ kind: 'applied' });
export const HELD: UpdateOutcome = Object.freeze({ kind: 'held' });

export function refused(refusal: Refusal, reason: string, reset = false): Refused {
  return { kind: 'refused', refusal, reason, reset };
}

/**
 * Why the room ends a peer's part in it later than the frame that caused it
 * (a write settles, a held update is retried, a reload fails). The connection
 * closes its socket with the matching code; the room has already let it go.
 */
export type PeerEnd =
  /** A held update of this peer was refused once it could be applied. */
  | Refused
  /** An update this peer sent could not be stored. */
  | { readonly kind: 'notStored' }
  /** A write that a storage confirmation it asked for depends on failed (maybe another tab's). */
  | { readonly kind: 'unconfirmed' }
  /** The room's document could not be loaded when the peer joined. */
  | { readonly kind: 'loadFailed' }
  /** The room reset (someone else's refused update, or a failed write) and could not reload: it was dropped. */
  | { readonly kind: 'roomDropped' };
