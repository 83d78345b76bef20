import { useEffect } from 'react';
import type * as Y from 'yjs';
import { readRhythm, ritualsRoom } from '#shared/documents/rituals.js';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { useHasSynced, useRoomLoaded } from '../collab/useCollabRoom';
import type { CollabRoom } from '../sync/RoomRegistry';
import { deviceTimeZone } from './dayQuestion';
import { ritualsApi } from './ritualsApi';
import { useDocVersion } from '../collab/useDocVersion';

export interface RitualsView {
  room: CollabRoom | null;
  doc: Y.Doc | null;
  /** Changes whenever the document does, so views that read it re-render. */
  version: number;
  /** Something is known: this device's copy is loaded, or the relay's has arrived. */
  known: boolean;
}

/**
 * The journal's rituals document (read only; the server writes it), kept
 * open while the calling component is. Several parts of one page read it;
 * the page itself asks the server to bring it up to date (`useRefreshRituals`).
 */
export function useRituals(journalId: string): RitualsView {
  const room = useReadOnlyRoom(ritualsRoom(journalId));
  const loaded = useRoomLoaded(room);
  const synced = useHasSynced(room);
  const version = useDocVersion(room?.doc ?? null);
  const doc = room?.doc ?? null;
  const known = loaded && (synced || (doc !== null && readRhythm(doc).timeZone !== null));
  return { room, doc, version, known };
}

/**
 * Called once by a page that shows the rituals: asks the server to write the
 * schedule ahead, and gives the couple this device's time zone if they have
 * none yet.
 */
export function useRefreshRituals(journalId: string): void {
  useEffect(() => {
    // Offline this fails quietly: the device's copy of the schedule already runs four weeks ahead.
    ritualsApi.rituals(journalId).then(
      ({ rhythm }) => {
        if (rhythm.timeZone === null) void ritualsApi.setTimeZone(journalId, deviceTimeZone()).catch(() => {});
      },
      () => {},
    );
  }, [journalId]);
}
