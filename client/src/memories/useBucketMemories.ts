import { useMemo } from 'react';
import { bucketRoom, readItems } from '#shared/documents/bucket.js';
import { useDocVersion } from '../collab/useDocVersion';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';

/** The entries "Make it a memory" made from the bucket list, read from the list on this device. */
export function useBucketMemories(journalId: string): ReadonlySet<string> {
  const room = useReadOnlyRoom(bucketRoom(journalId));
  const version = useDocVersion(room?.doc ?? null);
  return useMemo(() => {
    void version;
    const ids = new Set<string>();
    if (room) for (const item of readItems(room.doc)) if (item.memoryEntryId && item.removedAt === null) ids.add(item.memoryEntryId);
    return ids;
  }, [room, version]);
}
