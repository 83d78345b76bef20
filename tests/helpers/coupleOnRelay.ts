import type * as Y from 'yjs';
import { type ApiClient, pairedCouple } from './apiClient.js';
import { type CollabClient, connectClient, waitForDoc } from './collabClient.js';
import { type TestServer, startTestServer } from './testServer.js';

/** Two partners sharing a journal on a real server, with stock providers for any room: the rituals tests' start. */
export interface CoupleOnRelay {
  server: TestServer;
  a: ApiClient;
  b: ApiClient;
  /** Ada's and Ben's user ids. */
  ada: string;
  ben: string;
  journalId: string;
  /** A stock provider on `room` as `as`; `doc` may hold changes made before connecting (offline). Closed with the couple. */
  open(room: string, as: ApiClient, doc?: Y.Doc): CollabClient;
  /** The same, once the first sync is done. */
  openSynced(room: string, as: ApiClient): Promise<CollabClient>;
  /** Waits until the relay has what `predicate` asks for: a new connection of `as` sees it. */
  relayHas(room: string, as: ApiClient, predicate: (doc: Y.Doc) => boolean): Promise<CollabClient>;
  close(): Promise<void>;
}

export async function startCoupleOnRelay(options: { now?: () => number; timeZone?: string } = {}): Promise<CoupleOnRelay> {
  const server = await startTestServer({ now: options.now });
  const clients: CollabClient[] = [];
  const { a, b, journalId } = await pairedCouple(server.url);
  const ada = (await a.request('GET', '/api/me')).body.user.id as string;
  const ben = (await b.request('GET', '/api/me')).body.user.id as string;
  if (options.timeZone) {
    const res = await a.request('PUT', `/api/journals/${journalId}/rituals/rhythm`, { timeZone: options.timeZone });
    if (res.status !== 200) throw new Error(`setting the time zone failed: ${res.status}`);
  }
  const open = (room: string, as: ApiClient, doc?: Y.Doc) => {
    const client = connectClient(server.wsUrl, room, as.cookie, doc);
    clients.push(client);
    return client;
  };
  const openSynced = async (room: string, as: ApiClient) => {
    const client = open(room, as);
    await client.synced;
    return client;
  };
  return {
    server,
    a,
    b,
    ada,
    ben,
    journalId,
    open,
    openSynced,
    async relayHas(room, as, predicate) {
      const probe = await openSynced(room, as);
      await waitForDoc(probe.doc, predicate);
      return probe;
    },
    async close() {
      for (const client of clients) client.destroy();
      await server.cleanup();
    },
  };
}
