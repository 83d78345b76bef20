import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { Relay } from '../relay/Relay.js';

/**
 * Closes the sockets of sessions that storage has just ended (4401, as at logout), so a device
 * signed out from elsewhere stops at once and asks to log in again.
 */
export function closeSessionSockets(relay: Relay, sessionIds: readonly string[], reason: string): void {
  if (sessionIds.length === 0) return;
  const ended = new Set(sessionIds);
  relay.disconnectWhere((peer) => ended.has(peer.sessionId), CloseCode.Unauthorized, reason);
}
