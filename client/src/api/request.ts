import { ApiError } from './ApiError';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const UNREACHABLE = "Can't reach Duet right now. Check your connection and try again.";

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

/**
 * Calls the JSON API on this origin. The session lives in an HttpOnly cookie,
 * so there is no token to attach; `same-origin` credentials send it.
 * Resolves with the parsed body (undefined for 204), rejects with ApiError.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', UNREACHABLE);
  }

  if (response.status === 204) return undefined as T;

  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // A proxy error page or an empty body: fall through to a generic message.
  }

  if (response.ok) return parsed as T;

  const error = (parsed as ErrorBody | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message =
    typeof error?.message === 'string' && error.message.length > 0
      ? error.message
      : response.status >= 500
        ? 'Duet had a problem on its side. Please try again in a moment.'
        : `The request failed (${response.status}).`;
  throw new ApiError(response.status, code, message, parseRetryAfter(response.headers.get('Retry-After')));
}

function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}
