import { HttpError } from '../http/HttpError.js';

/**
 * Why a photo was not stored: an HttpError (status, stable code, message for
 * people) of its own class, so callers can tell a refused photo from other
 * failures.
 */
export class PhotoRefusal extends HttpError {}
