import { type PathParams, type RequestBody, type ResponseOf, type Route, pathOf } from '#shared/api/route.js';
import { apiRequest } from './request';

/** What a call of `route` needs besides the route: its path parameters and body, when it has them. */
export type CallInput<R extends Route> = (keyof PathParams<R['path']> extends never ? { params?: undefined } : { params: PathParams<R['path']> }) &
  (RequestBody<R> extends undefined ? { body?: undefined } : { body: RequestBody<R> });

/**
 * Calls a route declared in shared/api/routes.ts: the path, the body's type
 * and the answer's type all come from the declaration the server serves.
 */
export function callRoute<R extends Route>(route: R, input: CallInput<R>): Promise<ResponseOf<R>> {
  return apiRequest<ResponseOf<R>>(route.method, pathFor(route, input), input.body);
}

/** The path a call of `route` with `input` goes to. */
export function pathFor<R extends Route>(route: R, input: CallInput<R>): string {
  return pathOf(route, (input.params ?? {}) as PathParams<R['path']>);
}
