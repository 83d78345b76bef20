import { useEffect, useState } from 'react';
import { roomRegistry, type CollabRoom } from './roomRegistry';

/**
 * Holds a room this client only reads (an entry's comments), without
 * presence: nobody needs to see us "in" it, and it sends nothing but sync.
 */
export function useReadOnlyRoom(name: string | null): CollabRoom | null {
  const [room, setRoom] = useState<CollabRoom | null>(null);
  useEffect(() => {
    if (name === null) return;
    setRoom(roomRegistry.acquire(name, { presence: false }));
    return () => roomRegistry.release(name, { presence: false });
  }, [name]);
  return room !== null && room.name === name ? room : null;
}
