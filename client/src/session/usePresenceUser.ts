import { useMemo } from 'react';
import { useCurrentUser } from './SessionContext';
import type { PresenceUser } from '../collab/presence';
import { userColor } from '../collab/userColor';

/** The signed-in user as published to others: name, id and a caret colour derived from the id. */
export function usePresenceUser(): PresenceUser {
  const user = useCurrentUser();
  return useMemo(() => ({ id: user.id, name: user.name, color: userColor(user.id) }), [user.id, user.name]);
}
