import type { AwarenessEntry } from '#shared/protocol/awarenessUpdate.js';
import { GONE_STATE } from './AwarenessRegistry.js';
import type { PeerIdentity } from './types.js';

/**
 * Writes the sender's real user id and account name into an awareness state's
 * `user`, whatever the client claimed, so a caret or presence can never be
 * labelled as the partner or as a stranger. Other fields (colour, cursor,
 * which entry is open) pass through. A state that is not a JSON object
 * carries no identity and is left as it is.
 */
export function stampAwareness(entry: AwarenessEntry, identity: PeerIdentity): AwarenessEntry {
  if (entry.stateJson === GONE_STATE) return entry;
  let state: unknown;
  try {
    state = JSON.parse(entry.stateJson);
  } catch {
    return entry;
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return entry;
  const record = state as Record<string, unknown>;
  const claimed = record.user;
  const user = typeof claimed === 'object' && claimed !== null && !Array.isArray(claimed) ? (claimed as Record<string, unknown>) : {};
  if (user.id === identity.userId && user.name === identity.userName) return entry;
  record.user = { ...user, id: identity.userId, name: identity.userName };
  return { ...entry, stateJson: JSON.stringify(record) };
}
