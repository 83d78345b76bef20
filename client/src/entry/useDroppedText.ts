import { useCallback, useEffect, useState } from 'react';
import { watchDroppedText } from '../collab/droppedText';
import type { CollabRoom } from '../collab/roomRegistry';

/**
 * Words of ours dropped from this entry because the partner deleted, at the
 * same time, the block they were in (see droppedText.ts). Collected until
 * the writer puts them back or dismisses them.
 */
export function useDroppedText(room: CollabRoom | null): { blocks: string[]; clear: () => void } {
  const [blocks, setBlocks] = useState<string[]>([]);
  useEffect(() => {
    if (!room) return;
    return watchDroppedText(
      room.doc,
      () => room.sync.ownConfirmedClock,
      (dropped) => setBlocks((previous) => [...previous, ...dropped]),
    );
  }, [room]);
  const clear = useCallback(() => setBlocks([]), []);
  return { blocks, clear };
}
