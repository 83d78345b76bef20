/** `?reason=` values for /login, set by code that noticed the session ended. */
export const LOGIN_REASON_SESSION_ENDED = 'session_ended';
