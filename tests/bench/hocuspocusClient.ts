import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type BenchClient, untilTextLength } from './protocolClient.js';

/** Hocuspocus speaks its own framing, so it gets its own provider, one socket per client. */
export class HocuspocusClient implements BenchClient {
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  private readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;

  constructor(url: string, name: string) {
    let markSynced!: () => void;
    this.synced = new Promise((resolve) => (markSynced = resolve));
    this.socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name, document: this.doc, onSynced: () => markSynced() });
    this.provider.attach();
  }

  untilLength(length: number): Promise<void> {
    return untilTextLength(this.doc, length);
  }

  async close(): Promise<void> {
    this.provider.destroy();
    this.socket.destroy();
  }
}
