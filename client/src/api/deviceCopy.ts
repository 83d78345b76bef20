import type { ResponseOf, Route } from '#shared/api/route.js';
import { forgetResponses, recallResponse, rememberResponse } from '../local/apiCache';
import { ApiError } from './ApiError';
import { type CallInput, callRoute, pathFor } from './callRoute';

/** An answer, and whether it came from this device's copy because the server could not be reached. */
export interface WithDeviceCopy<T> {
  data: T;
  fromDevice: boolean;
}

/** No answer from Duet itself: no network, or a proxy saying the server is down. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

/**
 * Calls a GET route, keeping a copy of the answer on this device (by path);
 * when the server cannot be reached, answers with that copy instead. A real
 * refusal (401, 403, 404) is passed on and drops the copy: the device must
 * not keep showing what the server says is no longer yours.
 */
export async function getWithDeviceCopy<R extends Route & { method: 'GET' }>(route: R, input: CallInput<R>): Promise<WithDeviceCopy<ResponseOf<R>>> {
  type T = ResponseOf<R>;
  const path = pathFor(route, input);
  try {
    const data = await callRoute(route, input);
    rememberResponse(path, data);
    return { data, fromDevice: false };
  } catch (error) {
    if (isUnreachable(error)) {
      const copy = recallResponse<T>(path);
      if (copy !== null) return { data: copy, fromDevice: true };
    } else if (error instanceof ApiError && error.status === 401) {
      forgetResponses();
    } else if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
      forgetResponses(path);
    }
    throw error;
  }
}
