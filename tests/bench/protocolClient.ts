import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { writeSyncStep1, writeSyncStep2, writeUpdate } from '#shared/protocol/frames.js';
import { MessageType, SyncStep } from '#shared/protocol/messageTypes.js';

/**
 * A lean y-websocket protocol client for load generation: a Y.Doc and a socket,
 * without the provider's timers, so the bench measures the server rather than
 * thousands of provider instances.
 */
/** What the benchmark needs of a client, whatever protocol it speaks. */
export interface BenchClient {
  readonly doc: Y.Doc;
  readonly synced: Promise<void>;
  untilLength(length: number): Promise<void>;
  close(): Promise<void>;
}

/** Resolves when the doc's text "t" reaches `length`, checked on each update. */
export function untilTextLength(doc: Y.Doc, length: number): Promise<void> {
  const text = doc.getText('t');
  if (text.length >= length) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (text.length < length) return;
      doc.off('update', check);
      resolve();
    };
    doc.on('update', check);
  });
}

export class ProtocolClient implements BenchClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly synced: Promise<void>;

  constructor(url: string, cookie: string | null) {
    this.ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    let markSynced!: () => void;
    this.synced = new Promise((resolve) => (markSynced = resolve));
    this.ws.on('open', () => this.ws.send(writeSyncStep1(Y.encodeStateVector(this.doc))));
    this.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SyncStep.Step1) this.ws.send(writeSyncStep2(Y.encodeStateAsUpdate(this.doc, payload)));
      else {
        Y.applyUpdate(this.doc, payload, this);
        if (step === SyncStep.Step2) markSynced();
      }
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.ws.readyState === WebSocket.OPEN) this.ws.send(writeUpdate(update));
    });
  }

  untilLength(length: number): Promise<void> {
    return untilTextLength(this.doc, length);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
