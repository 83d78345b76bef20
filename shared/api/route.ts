import type * as v from 'valibot';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The `:name` parts of a path pattern, as an object type: `/a/:id/b/:userId` → `{ id: string; userId: string }`. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySchema = v.GenericSchema<any, any>;

/**
 * One HTTP API route, declared once for the server that answers it and the
 * client that calls it. `body` and `params` are valibot schemas the server
 * checks before a handler sees the request (400 `invalid_input` with the
 * schema's message otherwise); `Response` is the JSON body of a success
 * (`void` for 204), carried as a type only.
 */
export interface Route<
  M extends Method = Method,
  P extends string = string,
  B extends AnySchema | undefined = AnySchema | undefined,
  Q extends Partial<Record<keyof PathParams<P>, AnySchema>> = Partial<Record<keyof PathParams<P>, AnySchema>>,
  Response = unknown,
> {
  readonly method: M;
  readonly path: P;
  /** The status of a success. */
  readonly status: number;
  readonly body: B;
  /** Schemas for path parameters that are ids or values, not just any text. */
  readonly params: Q;
  /** Never set: it only carries the response's type to both sides. */
  readonly response?: Response;
}

/**
 * Declares a route whose success answers with `Response`:
 * `route<{ user: User }>()({ method: 'POST', path: '/api/sessions', status: 200, body: LogInBody })`.
 * (Two calls, because TypeScript cannot take `Response` explicitly and infer the rest.)
 */
export function route<Response>() {
  return <
    const M extends Method,
    const P extends string,
    B extends AnySchema | undefined = undefined,
    Q extends Partial<Record<keyof PathParams<P>, AnySchema>> = Record<never, never>,
  >(declaration: {
    method: M;
    path: P;
    status: number;
    body?: B;
    params?: Q;
  }): Route<M, P, B, Q, Response> => ({
    method: declaration.method,
    path: declaration.path,
    status: declaration.status,
    body: declaration.body as B,
    params: (declaration.params ?? {}) as Q,
  });
}

/** What a route's body must be when sent (the schema's input), or nothing for a route without one. */
export type RequestBody<R extends Route> = R['body'] extends AnySchema ? v.InferInput<R['body']> : undefined;
/** A route's body as the server has it once checked (the schema's output, trimmed and so on). */
export type CheckedBody<R extends Route> = R['body'] extends AnySchema ? v.InferOutput<R['body']> : undefined;
/** The JSON of a route's success. */
export type ResponseOf<R extends Route> = Exclude<R['response'], undefined>;

/** The path of `route` with its parameters filled in, each URI-encoded. */
export function pathOf<R extends Route>(route: R, params: PathParams<R['path']>): string {
  return route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name]));
}
