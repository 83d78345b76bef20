import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { readAwarenessUpdate, writeAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { writeFlushed } from '#shared/protocol/flushAck.js';
import { writeAwareness, writeUpdate } from '#shared/protocol/frames.js';
import { ownAwarenessOnly } from '../../client/src/sync/ownAwarenessOnly.js';
import { SocketState, type SocketLike } from '../../client/src/sync/ports.js';
import { RoomSocket } from '../../client/src/sync/RoomSocket.js';

const entry = (clientId: number) => ({ clientId, clock: 1, stateJson: '{}' });

describe('ownAwarenessOnly', () => {
  it('keeps only our own awareness entry, drops frames about others, and passes other frames as they are', () => {
    const mixed = writeAwareness(writeAwarenessUpdate([entry(1), entry(2)]));
    const kept = ownAwarenessOnly(mixed, 1);
    const decoder = decoding.createDecoder(kept!);
    decoding.readVarUint(decoder);
    expect(readAwarenessUpdate(decoding.readVarUint8Array(decoder)).map((e) => e.clientId)).toEqual([1]);
    expect(ownAwarenessOnly(writeAwareness(writeAwarenessUpdate([entry(2)])), 1)).toBeNull();
    const update = writeUpdate(new Uint8Array([0, 0]));
    expect(ownAwarenessOnly(update, 1)).toBe(update);
  });
});

describe('RoomSocket', () => {
  function fakeInner(): SocketLike & { sent: Uint8Array[] } {
    return {
      sent: [],
      binaryType: 'blob',
      readyState: SocketState.Open,
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      send(data) {
        this.sent.push(data);
      },
      close() {},
    };
  }

  it('hands Duet frames to the engine and everything else to the provider', () => {
    const inner = fakeInner();
    const duet: Uint8Array[] = [];
    const socket = new RoomSocket('ws://x/collab/j/index', () => inner, { ownClientId: 1, opened: () => {}, closed: () => {}, duetFrame: (f) => duet.push(f) });
    const seen: number[] = [];
    socket.onmessage = (event) => seen.push(new Uint8Array(event.data)[0]);
    const toBuffer = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    inner.onmessage?.({ data: toBuffer(writeFlushed(7)) });
    inner.onmessage?.({ data: toBuffer(writeUpdate(new Uint8Array([0, 0]))) });
    expect(duet).toHaveLength(1);
    expect(seen).toEqual([0]);
    expect(inner.binaryType).toBe('arraybuffer');
  });

  it('tells the room when it closes, whoever closes it', () => {
    const inner = fakeInner();
    let closed = 0;
    const socket = new RoomSocket('ws://x/collab/j/index', () => inner, { ownClientId: 1, opened: () => {}, closed: () => closed++, duetFrame: () => {} });
    socket.close();
    inner.onclose?.({ code: 1006, reason: '' });
    expect(closed).toBe(2);
  });
});
