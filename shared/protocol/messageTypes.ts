/**
 * The y-websocket wire protocol, as spoken by the stock `WebsocketProvider`.
 *
 * Every WebSocket message is one binary frame:
 *
 *   varUint messageType, then a payload that depends on the type
 *
 *   Sync (0):           varUint syncStep, varUint8Array payload
 *     Step1 (0)         payload = the sender's state vector; the answer is a Step2
 *     Step2 (1)         payload = a Yjs update holding what the receiver lacks
 *     Update (2)        payload = a Yjs update made after the handshake
 *   Awareness (1):      varUint8Array awareness update (see awarenessUpdate.ts)
 *   Auth (2):           varUint reason, varString message (server to client only)
 *   QueryAwareness (3): no payload; the answer is every known awareness state
 *
 * Duet adds nothing to this set that a stock client would have to understand.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;
