import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A `ws` WebSocket that carries a session cookie, as a browser would send it. */
export function cookieWebSocket(cookie: string | null): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  } as unknown as typeof WebSocket;
}

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves the first time the provider has finished the sync handshake. */
  synced: Promise<void>;
  destroy(): void;
}

/** The stock y-websocket provider, with BroadcastChannel off so only the relay can sync clients. */
export function connectClient(wsUrl: string, room: string, cookie: string | null, doc = new Y.Doc()): CollabClient {
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie) as never,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `predicate(doc)` holds, checking after every update instead of polling. */
export function waitForDoc(doc: Y.Doc, predicate: (doc: Y.Doc) => boolean): Promise<void> {
  return waitForDocs([doc], () => predicate(doc));
}

/** Resolves when `predicate()` holds, checking after every update to any of `docs`. */
export function waitForDocs(docs: Y.Doc[], predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const check = () => {
      if (!predicate()) return;
      for (const doc of docs) doc.off('update', check);
      resolve();
    };
    for (const doc of docs) doc.on('update', check);
  });
}

/** Resolves with the close event of the provider's next socket close. */
export function nextClose(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    provider.once('connection-close', (event: { code: number; reason: string } | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }));
  });
}
