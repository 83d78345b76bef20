/**
 * Close codes the relay uses, shared by both ends so a client can decide from
 * the code alone whether reconnecting can help.
 *
 * The private codes mirror HTTP statuses (4xyz ~ HTTP xyz). The stock
 * y-websocket provider stops for good on any code in 4400-4499 and reconnects
 * on every other one, so a code meant to be retried by any client, Duet's or
 * not, must sit outside that band (4205, 4503). Duet's own client decides from
 * `permanentCloseCodes` below instead, and also retries 4409, 4420 and 4429.
 */
export const CloseCode = {
  /** The relay is restarting (SIGTERM); reconnect shortly. Standard code. */
  ServiceRestart: 1012,
  /** A frame exceeded the relay's maximum message size. Standard code, sent by `ws`. */
  MessageTooBig: 1009,
  /** A frame could not be decoded, or was text instead of binary. */
  BadMessage: 4400,
  /** The session behind the socket was ended (logout, expiry). */
  Unauthorized: 4401,
  /** The user is no longer a member of this journal. */
  Forbidden: 4403,
  /** The socket tried to change a document only the server writes (comments). */
  ReadOnlyDocument: 4405,
  /** The update changes something this user may not (another person's name on the timeline). */
  ForbiddenChange: 4406,
  /** The update writes under a Yjs client id that belongs to another person in this document. */
  ClientIdTaken: 4407,
  /** Updates depended on changes the relay did not have, more than it keeps waiting; reconnect and sync. */
  OutOfOrder: 4409,
  /** An awareness state exceeded the size cap. */
  AwarenessTooLarge: 4413,
  /** The update breaks the document's shape: nesting too deep, too many types, a kind of type it does not hold. */
  DocumentShape: 4422,
  /** The user sent more messages or bytes than the relay accepts per second (limits.ts USER_RATE); reconnect after a pause. */
  RateExceeded: 4420,
  /** The peer cannot keep up with the room and its send buffer overflowed. */
  SlowConsumer: 4429,
  /**
   * The room had to reload its document from storage because of someone
   * else's refused update (or a write that failed), the reload did not finish,
   * and the relay dropped its copy. Nothing this socket sent was refused or
   * lost: reconnect and sync. (HTTP 205 Reset Content: start over from what is
   * stored.) A room that reloads successfully closes nobody but the offender;
   * each other peer gets a new sync step 1 on the open socket instead.
   */
  RoomReset: 4205,
  /** Stored state could not be loaded or written; nothing was lost, retry later. */
  StorageUnavailable: 4503,
  /** The journal has reached its storage quota (shared/model/quotas.ts); the change was not stored. */
  JournalFull: 4507,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Codes after which reconnecting with the same credentials cannot succeed. */
export const permanentCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.MessageTooBig,
  CloseCode.BadMessage,
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.ReadOnlyDocument,
  CloseCode.ForbiddenChange,
  CloseCode.ClientIdTaken,
  CloseCode.AwarenessTooLarge,
  CloseCode.DocumentShape,
  CloseCode.JournalFull,
]);
