/**
 * Close codes the relay uses, shared by both ends so a client can decide from
 * the code alone whether reconnecting can help.
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
