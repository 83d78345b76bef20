import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { PhotoUploadQueue, PhotoUploadState } from './PhotoUploadQueue';

const PhotoQueueContext = createContext<PhotoUploadQueue | null>(null);

/** Hands the page's one upload queue (built in main.tsx) to every component below. */
export function PhotoQueueProvider({ queue, children }: { queue: PhotoUploadQueue; children: ReactNode }) {
  return <PhotoQueueContext.Provider value={queue}>{children}</PhotoQueueContext.Provider>;
}

export function usePhotoQueue(): PhotoUploadQueue {
  const queue = useContext(PhotoQueueContext);
  if (queue === null) throw new Error('usePhotoQueue outside PhotoQueueProvider');
  return queue;
}

/** Where one photo stands on this device (undefined: this device is not sending it). */
export function usePhotoUpload(journalId: string, photoId: string): PhotoUploadState | undefined {
  const queue = usePhotoQueue();
  const subscribe = useCallback((listener: () => void) => queue.subscribe(listener), [queue]);
  return useSyncExternalStore(subscribe, () => queue.get(journalId, photoId));
}

/** Re-renders on any change of the queue (the Memories view lists what waits on the device). */
export function useQueueVersion(): number {
  const queue = usePhotoQueue();
  const subscribe = useCallback((listener: () => void) => queue.subscribe(listener), [queue]);
  return useSyncExternalStore(subscribe, () => queue.version);
}
