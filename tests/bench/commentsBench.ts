/**
 * Comment delivery: one partner posts comments through the API; how long until
 * the other partner's stock WebsocketProvider, watching the entry's comments
 * document, has each one. Duet only: neither reference server has comments.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { COMMENTS_FIELD, commentKey } from '#shared/documents/comments.js';
import { commentsRoom } from '#shared/documents/comments.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { cookieWebSocket } from '../helpers/collabClient.js';
import { spawnServer } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { median } from './benchTargets.js';

const THREADS = 100;
const REPLIES_PER_THREAD = 2;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs the scenario and returns its section of docs/benchmarks.md. */
export async function runCommentsBench(): Promise<string> {
  const dir = tempDir('duet-comments-bench-');
  const server = await spawnServer(dir.path);
  try {
    const { a, b, journalId } = await pairedCouple(server.url);
    const entryId = 'benchentry1';
    const doc = new Y.Doc();
    const watcher = new WebsocketProvider(server.wsUrl, commentsRoom(journalId, entryId), doc, {
      WebSocketPolyfill: cookieWebSocket(a.cookie) as never,
      disableBc: true,
    });
    await new Promise<void>((resolve) => watcher.once('sync', () => resolve()));
    const comments = doc.getMap<string>(COMMENTS_FIELD);
    /** Resolves when Ada's copy has the comment. */
    const seen = (threadId: string, commentId: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!comments.has(commentKey(threadId, commentId))) return;
          comments.unobserve(check);
          resolve();
        };
        comments.observe(check);
        check();
      });

    const base = `/api/journals/${journalId}/entries/${entryId}/threads`;
    const delivery: number[] = [];
    const request: number[] = [];
    const started = performance.now();
    for (let i = 0; i < THREADS; i++) {
      const threadId = `benchthread${i}`;
      const t0 = performance.now();
      const arrived = seen(threadId, `benchc${i}x0`);
      const res = await b.request('POST', base, { threadId, commentId: `benchc${i}x0`, quote: 'the lake', text: `Comment ${i}` });
      request.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
      await arrived;
      delivery.push(performance.now() - t0);
      for (let r = 1; r <= REPLIES_PER_THREAD; r++) {
        const commentId = `benchc${i}x${r}`;
        const r0 = performance.now();
        const replied = seen(threadId, commentId);
        await b.request('POST', `${base}/${threadId}/comments`, { commentId, text: `Reply ${r}` });
        request.push(performance.now() - r0);
        await replied;
        delivery.push(performance.now() - r0);
      }
    }
    const total = (performance.now() - started) / 1000;
    watcher.destroy();
    // The provider's awareness (and its interval timer) goes with the document.
    doc.destroy();
    const count = THREADS * (1 + REPLIES_PER_THREAD);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    return `## Comments

One partner posts ${THREADS} threads with ${REPLIES_PER_THREAD} replies each (${count} comments), one
after another, through the HTTP API; the other partner watches the entry's comments document with the
stock \`WebsocketProvider\`. Each comment is checked (membership, author, text), written to SQLite and
relayed before the API answers. Duet only: neither reference server has comments.

| | median | 95th percentile |
| --- | --- | --- |
| API request (post a comment) | ${ms(median(request))} | ${ms(percentile(request, 95))} |
| until the partner's copy has it | ${ms(median(delivery))} | ${ms(percentile(delivery, 95))} |

${count} comments in ${total.toFixed(1)} s (${(count / total).toFixed(0)} per second, one at a time).
`;
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
    dir.remove();
  }
}
