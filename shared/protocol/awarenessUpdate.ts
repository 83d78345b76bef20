import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * One entry of an awareness update, as y-protocols encodes it:
 *
 *   varUint count, then per entry: varUint clientID, varUint clock, varString stateJSON
 *
 * The state is kept as its JSON text: the relay only forwards it, so it never
 * needs to parse it, and the text's length is what the size cap measures.
 * A state of `null` (the text "null") means the client went away.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  stateJson: string;
}

/** Reads an awareness update. Throws on malformed input; callers decode inside a guard. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  // Each entry takes at least three bytes, which bounds a lying count.
  if (count * 3 > update.length) throw new Error('awareness entry count exceeds message size');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const stateJson = decoding.readVarString(decoder);
    entries.push({ clientId, clock, stateJson });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
  return entries;
}

export function writeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.stateJson);
  }
  return encoding.toUint8Array(encoder);
}
