import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConnectionState } from '../sync/ConnectionMonitor';
import type { CollabRoom } from '../sync/RoomRegistry';
import type { SyncPhase } from '../sync/SyncTracker';
import { useSyncEngine } from './SyncEngineContext';

/**
 * Holds a room for as long as the calling component is mounted. Returns null
 * on the first render: the room is acquired in an effect, never during render,
 * so a render React throws away cannot leak a socket.
 */
export function useCollabRoom(name: string): CollabRoom | null {
  const { rooms } = useSyncEngine();
  const [room, setRoom] = useState<CollabRoom | null>(null);
  useEffect(() => {
    setRoom(rooms.acquire(name));
    return () => rooms.release(name);
  }, [rooms, name]);
  // After a change of `name` the state still holds the previous room for one render.
  return room !== null && room.name === name ? room : null;
}

const CONNECTING: ConnectionState = { kind: 'connecting' };
const noop = () => () => {};

export function useConnectionState(room: CollabRoom | null): ConnectionState {
  return useSyncExternalStore(room ? room.connection.subscribe : noop, room ? room.connection.getState : () => CONNECTING);
}

/** True once the room's document has synced with the relay at least once since it was opened. */
export function useHasSynced(room: CollabRoom | null): boolean {
  return useSyncExternalStore(room ? room.connection.subscribe : noop, () => room?.connection.hasSynced ?? false);
}

/** Whether this device's changes to the room's document are confirmed by the relay ('loading' without a room). */
export function useSyncPhase(room: CollabRoom | null): SyncPhase {
  return useSyncExternalStore(room ? room.sync.subscribe : noop, () => room?.sync.getState() ?? 'loading');
}

/** True once the room's local copy has been read, so an editor bound to it starts from what this device has. */
export function useRoomLoaded(room: CollabRoom | null): boolean {
  return useSyncPhase(room) !== 'loading';
}

/**
 * True once the room's content can be shown: it has synced with the relay, or
 * its local copy is loaded and had something (offline, or before the sync).
 */
export function useRoomContentKnown(room: CollabRoom | null): boolean {
  const synced = useHasSynced(room);
  const loaded = useRoomLoaded(room);
  return synced || (loaded && room !== null && room.local.hadState);
}

/**
 * True once the room holds what the relay has (synced), or, while the relay
 * cannot be reached, what this device kept of it from an earlier visit: the
 * best that can be known. A device that never had the room waits for the relay.
 */
export function useRoomKnown(room: CollabRoom | null): boolean {
  const contentKnown = useRoomContentKnown(room);
  const synced = useHasSynced(room);
  const connection = useConnectionState(room).kind;
  return synced || (contentKnown && connection !== 'connecting' && connection !== 'connected');
}
