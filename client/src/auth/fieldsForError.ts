import { ApiError } from '../api/ApiError';

export type AuthField = 'name' | 'email' | 'password';

/** Which fields a server error is about, so they can be marked invalid next to the message. */
export function fieldsForError(error: unknown): AuthField[] {
  if (!(error instanceof ApiError)) return [];
  switch (error.code) {
    case 'email_taken':
      return ['email'];
    case 'weak_password':
      return ['password'];
    case 'wrong_credentials':
      return ['email', 'password'];
    default:
      return [];
  }
}
