import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { ConnectionState } from '../sync/ConnectionMonitor';

/** Stops the session's connection guard acts on itself (sign in again, removed from the journal); `StoppedNotice` shows any other. */
export function isHandledStop(state: ConnectionState): boolean {
  return state.kind === 'stopped' && (state.code === CloseCode.Unauthorized || state.code === CloseCode.Forbidden);
}
