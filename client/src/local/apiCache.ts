/**
 * The last successful answer of a few GET endpoints (`/api/me`, a journal's
 * detail), kept in localStorage so the app still knows who you are and what
 * your journal is called when it opens with no network. Cleared at logout
 * and on a 401; never used when the server answered with an error.
 */
const PREFIX = 'duet:api:';

export function rememberResponse(path: string, body: unknown): void {
  try {
    localStorage.setItem(PREFIX + path, JSON.stringify(body));
  } catch {
    // Storage full or disabled: the app still works online.
  }
}

export function recallResponse<T>(path: string): T | null {
  try {
    const text = localStorage.getItem(PREFIX + path);
    return text === null ? null : (JSON.parse(text) as T);
  } catch {
    return null;
  }
}

/** Forgets the answers whose path starts with `pathPrefix` (every one by default). */
export function forgetResponses(pathPrefix = ''): void {
  try {
    const doomed: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX + pathPrefix)) doomed.push(key);
    }
    for (const key of doomed) localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
