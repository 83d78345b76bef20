import { useCallback, useEffect, useState } from 'react';
import type { CollabRoom } from '../sync/RoomRegistry';

/**
 * Words of ours dropped from this entry because the partner deleted, at the
 * same time, the block they were in (see sync/droppedText.ts). Collected until
 * the writer puts them back or dismisses them.
 */
export function useDroppedText(room: CollabRoom | null): { blocks: string[]; clear: () => void } {
  const [blocks, setBlocks] = useState<string[]>([]);
  useEffect(() => {
    if (!room) return;
    return room.watchDroppedText((dropped) => setBlocks((previous) => [...previous, ...dropped]));
  }, [room]);
  const clear = useCallback(() => setBlocks([]), []);
  return { blocks, clear };
}
