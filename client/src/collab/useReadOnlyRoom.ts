import { useEffect, useState } from 'react';
import type { CollabRoom } from '../sync/RoomRegistry';
import { useSyncEngine } from './SyncEngineContext';

/**
 * Holds a room this client only reads (an entry's comments), without
 * presence: nobody needs to see us "in" it, and it sends nothing but sync.
 */
export function useReadOnlyRoom(name: string | null): CollabRoom | null {
  const { rooms } = useSyncEngine();
  const [room, setRoom] = useState<CollabRoom | null>(null);
  useEffect(() => {
    if (name === null) return;
    setRoom(rooms.acquire(name, { presence: false }));
    return () => rooms.release(name, { presence: false });
  }, [rooms, name]);
  return room !== null && room.name === name ? room : null;
}
