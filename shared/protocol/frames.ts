import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { DUET_MESSAGE_TYPE, DuetMessageKind, readDuetPayload } from './flushAck.js';
import { MessageType, SyncStep } from './messageTypes.js';

/** A decoded client frame. Anything else is a protocol error. */
export type ClientFrame =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'flushRequest'; nonce: number };

/**
 * Decodes one frame from a client. Throws on anything malformed, including
 * trailing bytes, so a truncated or padded frame is never half-applied.
 */
export function readClientFrame(data: Uint8Array): ClientFrame {
  const decoder = decoding.createDecoder(data);
  const messageType = decoding.readVarUint(decoder);
  let frame: ClientFrame;
  switch (messageType) {
    case MessageType.Sync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SyncStep.Step1) frame = { type: 'syncStep1', stateVector: payload };
      else if (step === SyncStep.Step2) frame = { type: 'syncStep2', update: payload };
      else if (step === SyncStep.Update) frame = { type: 'update', update: payload };
      else throw new Error(`unknown sync step ${step}`);
      break;
    }
    case MessageType.Awareness:
      frame = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      break;
    case MessageType.QueryAwareness:
      frame = { type: 'queryAwareness' };
      break;
    case DUET_MESSAGE_TYPE: {
      const { kind, nonce } = readDuetPayload(decoder);
      if (kind !== DuetMessageKind.FlushRequest) throw new Error('clients may only send flush requests');
      frame = { type: 'flushRequest', nonce };
      break;
    }
    default:
      throw new Error(`unknown message type ${messageType}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after message');
  return frame;
}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const writeSyncStep1 = (stateVector: Uint8Array) => syncFrame(SyncStep.Step1, stateVector);
export const writeSyncStep2 = (update: Uint8Array) => syncFrame(SyncStep.Step2, update);
export const writeUpdate = (update: Uint8Array) => syncFrame(SyncStep.Update, update);

export function writeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function writeQueryAwareness(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.QueryAwareness);
  return encoding.toUint8Array(encoder);
}
