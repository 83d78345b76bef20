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

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
