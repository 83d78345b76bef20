import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Duet's one addition to the y-websocket protocol: a client may ask the relay
 * to confirm that everything it has sent on this socket is durably stored.
 * Only a client that asks ever gets an answer, so the stock WebsocketProvider
 * never sees one of these frames.
 *
 *   varUint 100 (MessageType.Duet), varUint kind, then per kind:
 *     FlushRequest (0)  client to relay:  varUint nonce
 *     Flushed      (1)  relay to client:  varUint nonce
 *
 * The relay handles a socket's frames in order, so `Flushed(n)` means every
 * document update this socket sent before `FlushRequest(n)` is on disk (and
 * has been relayed). If storing fails, the socket is closed with 4503 instead.
 */
export const DUET_MESSAGE_TYPE = 100;

export const DuetMessageKind = {
  FlushRequest: 0,
  Flushed: 1,
} as const;

function duetFrame(kind: number, nonce: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, DUET_MESSAGE_TYPE);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint(encoder, nonce);
  return encoding.toUint8Array(encoder);
}

export const writeFlushRequest = (nonce: number) => duetFrame(DuetMessageKind.FlushRequest, nonce);
export const writeFlushed = (nonce: number) => duetFrame(DuetMessageKind.Flushed, nonce);

/**
 * Reads the part of a Duet frame after its message type, as the provider's
 * message handlers see it. Throws on malformed input.
 */
export function readDuetPayload(decoder: decoding.Decoder): { kind: number; nonce: number } {
  const kind = decoding.readVarUint(decoder);
  const nonce = decoding.readVarUint(decoder);
  if (kind !== DuetMessageKind.FlushRequest && kind !== DuetMessageKind.Flushed) throw new Error(`unknown Duet message kind ${kind}`);
  return { kind, nonce };
}
