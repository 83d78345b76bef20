/**
 * Why a photo was not stored, with the HTTP status the routes answer and a
 * message for people. Thrown by server/photos, turned into an HttpError by
 * the routes.
 */
export class PhotoRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
