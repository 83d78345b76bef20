/**
 * A failed API call. `message` is meant for people: the server writes it in
 * plain language and the UI shows it as is.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached at all. */
    readonly status: number,
    /** The server's machine-readable code (`email_taken`, `invite_used`, ...). */
    readonly code: string,
    message: string,
    /** Seconds from a Retry-After header, when the server sent one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The text to show for any error a form or page caught. The server's message
 * is shown as is; it already says when to retry after a 429.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
