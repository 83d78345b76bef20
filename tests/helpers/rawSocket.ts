import WebSocket from 'ws';

export interface RawSocket {
  ws: WebSocket;
  /** Resolves with the close code and reason the server sent. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a plain `ws` socket to the relay, for sending frames no well-behaved client would. */
export function openRawSocket(url: string, cookie: string | null, headers: Record<string, string> = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
    const closed = new Promise<{ code: number; reason: string }>((res) =>
      ws.on('close', (code, reason) => res({ code, reason: reason.toString() })),
    );
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

/** The HTTP status with which the relay refused an upgrade, or 101 if it accepted. */
export async function upgradeStatus(url: string, cookie: string | null, headers: Record<string, string> = {}): Promise<number> {
  try {
    const { ws } = await openRawSocket(url, cookie, headers);
    ws.close();
    return 101;
  } catch (error) {
    return (error as { status?: number }).status ?? 0;
  }
}
