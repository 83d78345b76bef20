import * as decoding from 'lib0/decoding';
import { readAwarenessUpdate, writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { writeAwareness } from '#shared/protocol/frames.js';
import { MessageType } from '#shared/protocol/messageTypes.js';

/**
 * The stock provider forwards every awareness change to the relay, including
 * the states it has just received from the relay. The relay drops those (a
 * socket may only speak for its own client) and each echo costs a frame per
 * peer per caret move. This keeps an outgoing frame as it is unless it is an
 * awareness frame, which keeps only our own entry: null when nothing is left
 * to send.
 */
export function ownAwarenessOnly(frame: Uint8Array, ownClientId: number): Uint8Array | null {
  let entries;
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) return frame;
    entries = readAwarenessUpdate(decoding.readVarUint8Array(decoder));
  } catch {
    // Not ours to judge: the relay closes a socket that sends a malformed frame.
    return frame;
  }
  const own = entries.filter((entry) => entry.clientId === ownClientId);
  if (own.length === 0) return null;
  return own.length === entries.length ? frame : writeAwareness(writeAwarenessUpdate(own));
}
