import type * as Y from 'yjs';

/** The relay's view of a socket: it can send binary frames and be closed. Nothing else. */
export interface PeerSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent; lets the relay cut off a peer that cannot keep up. */
  readonly bufferedAmount: number;
}

/** Who is on the other end of a socket, established at the HTTP upgrade. */
export interface PeerIdentity {
  userId: string;
  /** The account's display name, for rules that check names written into documents. */
  userName: string;
  sessionId: string;
  journalId: string;
}

/**
 * A check on what one client's update changes in a room's document, beyond
 * "it applies". The relay watches the `watch(doc)` types deeply while applying
 * the update and refuses it (the socket closes with ForbiddenChange and the
 * room reloads from storage) when `check` names a problem. `check` runs while
 * the events are delivered (Yjs computes their changes only then).
 */
export interface ChangeRule {
  // Yjs types are invariant in their event type; any type may be watched.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  watch(doc: Y.Doc): Y.AbstractType<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  check(events: Y.YEvent<any>[], doc: Y.Doc, sender: PeerIdentity): string | null;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
