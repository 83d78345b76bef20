import * as encoding from 'lib0/encoding';

/**
 * Hand-encoded Yjs V1 updates, for tests that send what no Yjs document would
 * produce: clocks past a gap, origins nobody has, lengths near 2^53.
 *
 *   update     = varUint numClients, per client:
 *                  varUint numStructs, varUint client, varUint firstClock, then each struct;
 *                then the delete set.
 *   struct     = uint8 info; GC (info 0) and Skip (info 10): varUint length.
 *                Item: info's low 5 bits are the content ref; bit 0x80: varUint client,
 *                varUint clock of the origin; bit 0x40: the same for the right origin;
 *                with neither: varUint 1 + varString root key, or varUint 0 + parent id;
 *                then (bit 0x20) varString parentSub; then the content.
 *   delete set = varUint numClients, per client: varUint client, varUint numRanges,
 *                per range varUint clock, varUint length.
 */
export const ContentRef = { GC: 0, Deleted: 1, JSON: 2, Binary: 3, String: 4, Embed: 5, Format: 6, Type: 7, Any: 8, Doc: 9, Skip: 10 } as const;

/** The type refs of `ContentType` (Yjs `typeRefs`). */
export const TypeRef = { Array: 0, Map: 1, Text: 2, XmlElement: 3, XmlFragment: 4, XmlHook: 5, XmlText: 6 } as const;

export type RawId = readonly [client: number, clock: number];

export type RawStruct =
  | { gc: number }
  | { skip: number }
  | {
      /** A content ref (any number: invalid ones are the point of some tests). */
      ref: number;
      origin?: RawId;
      rightOrigin?: RawId;
      /** A root key or the id of the item holding the parent type; written only without origins. */
      parent?: string | RawId;
      parentSub?: string;
      /** Writes the content's bytes. */
      content(encoder: encoding.Encoder): void;
    };

export interface RawClient {
  client: number;
  clock: number;
  structs: readonly RawStruct[];
}

export interface RawDeletes {
  client: number;
  ranges: readonly (readonly [clock: number, length: number])[];
}

function writeId(encoder: encoding.Encoder, [client, clock]: RawId): void {
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
}

/** Writes a delete set (also the whole of a deletes-only update, after a varUint 0). */
export function writeRawDeletes(encoder: encoding.Encoder, deletes: readonly RawDeletes[]): void {
  encoding.writeVarUint(encoder, deletes.length);
  for (const { client, ranges } of deletes) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, length);
    }
  }
}

export function encodeRawUpdate(clients: readonly RawClient[], deletes: readonly RawDeletes[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients.length);
  for (const { client, clock, structs } of clients) {
    encoding.writeVarUint(encoder, structs.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    for (const struct of structs) {
      if ('gc' in struct || 'skip' in struct) {
        encoding.writeUint8(encoder, 'gc' in struct ? ContentRef.GC : ContentRef.Skip);
        encoding.writeVarUint(encoder, 'gc' in struct ? struct.gc : struct.skip);
        continue;
      }
      const { ref, origin, rightOrigin, parent, parentSub } = struct;
      const hasParent = !origin && !rightOrigin;
      const info = (ref & 0x1f) | (origin ? 0x80 : 0) | (rightOrigin ? 0x40 : 0) | (hasParent && parentSub !== undefined ? 0x20 : 0);
      encoding.writeUint8(encoder, info);
      if (origin) writeId(encoder, origin);
      if (rightOrigin) writeId(encoder, rightOrigin);
      if (hasParent) {
        if (typeof parent === 'string' || parent === undefined) {
          encoding.writeVarUint(encoder, 1);
          encoding.writeVarString(encoder, parent ?? '');
        } else {
          encoding.writeVarUint(encoder, 0);
          writeId(encoder, parent);
        }
        if (parentSub !== undefined) encoding.writeVarString(encoder, parentSub);
      }
      struct.content(encoder);
    }
  }
  writeRawDeletes(encoder, deletes);
  return encoding.toUint8Array(encoder);
}

/** Content writers for the common refs. */
export const rawContent = {
  string: (text: string) => (e: encoding.Encoder) => encoding.writeVarString(e, text),
  deleted: (length: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, length),
  type: (typeRef: number, name?: string) => (e: encoding.Encoder) => {
    encoding.writeVarUint(e, typeRef);
    if (name !== undefined) encoding.writeVarString(e, name);
  },
};
