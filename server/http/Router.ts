import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from './HttpError.js';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
  /** Bytes sent as they are read instead of a JSON body (a photo); `headers` give their type and length. */
  stream?: Readable;
}

export interface RouteContext {
  req: IncomingMessage;
  params: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/** Method + path patterns like `/api/journals/:id`; small on purpose, since the API is. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** Finds the handler for a request; a known path with the wrong method is a 405. */
  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        try {
          params[key] = decodeURIComponent(m[i + 1]);
        } catch {
          throw new HttpError(400, 'bad_path', 'The address is not valid.');
        }
      });
      return { handler: route.handler, params };
    }
    if (pathMatched) throw new HttpError(405, 'method_not_allowed', `${method} is not supported here.`);
    return null;
  }
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.stream) {
    res.writeHead(reply.status);
    // A reader that goes away (or a file that fails) ends this response only; pipeline closes both sides.
    pipeline(reply.stream, res).catch(() => res.destroy());
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
