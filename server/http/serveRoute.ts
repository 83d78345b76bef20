import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import type { AnySchema, CheckedBody, PathParams, ResponseOf, Route } from '#shared/api/route.js';
import { HttpError } from './HttpError.js';
import { readJsonBody } from './readJsonBody.js';
import type { Router } from './Router.js';

/** A route's path parameters once checked: those with a schema as it reads them, the rest as sent. */
export type CheckedParams<R extends Route> = {
  [K in keyof PathParams<R['path']>]: K extends keyof R['params'] ? (R['params'][K] extends AnySchema ? v.InferOutput<R['params'][K]> : string) : string;
};

export interface DeclaredContext<R extends Route> {
  req: IncomingMessage;
  /** The path's parameters as sent (decoded), before their schemas: for checks that must come first. */
  params: PathParams<R['path']>;
  /**
   * Reads the body and checks it and the declared parameters against the
   * route's schemas; 400 `invalid_input` with the schema's message when they
   * do not fit. Called by the handler, so it decides what is checked first
   * (a limit that counts every attempt, a session, membership).
   */
  input(): Promise<{ params: CheckedParams<R>; body: CheckedBody<R> }>;
}

/** A success: the route's declared status unless `status` says otherwise, and a body of the declared type. */
export type DeclaredReply<R extends Route> = { status?: number; headers?: Record<string, string | string[]> } & (ResponseOf<R> extends void
  ? { body?: undefined }
  : { body: ResponseOf<R> });

/**
 * `value` as `schema` reads it, or a 400 with the first thing wrong. A field
 * missing from an object body is checked as null, so it is reported with the
 * field's own message ("Email is required.") rather than valibot's about a key.
 */
function check<S extends AnySchema>(schema: S, value: unknown): v.InferOutput<S> {
  if (schema.type === 'object' && 'entries' in schema && typeof value === 'object' && value !== null) {
    const given = value;
    const absent = Object.keys(schema.entries as v.ObjectEntries).filter((key) => !(key in given));
    value = { ...Object.fromEntries(absent.map((key) => [key, null])), ...given };
  }
  const result = v.safeParse(schema, value);
  if (!result.success) throw new HttpError(400, 'invalid_input', result.issues[0].message);
  return result.output;
}

/** Registers `handler` for a route declared in shared/api/routes.ts. */
export function serveRoute<R extends Route>(router: Router, route: R, handler: (ctx: DeclaredContext<R>) => Promise<DeclaredReply<R>>): void {
  router.add(route.method, route.path, async ({ req, params }) => {
    const raw = params as PathParams<R['path']>;
    const input = async () => {
      const checked: Record<string, unknown> = { ...params };
      for (const [name, schema] of Object.entries(route.params) as [string, AnySchema | undefined][]) {
        if (schema) checked[name] = check(schema, params[name]);
      }
      const body = route.body ? check(route.body, await readJsonBody(req)) : undefined;
      return { params: checked as CheckedParams<R>, body: body as CheckedBody<R> };
    };
    const reply = await handler({ req, params: raw, input });
    return { status: reply.status ?? route.status, body: reply.body, headers: reply.headers };
  });
}
