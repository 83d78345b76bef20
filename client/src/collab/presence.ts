import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** Who a client is, as published in awareness (the caret extension reads `name` and `color`). */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

/** One other tab or device in a room. */
export interface Peer {
  clientId: number;
  user: PresenceUser;
  /** Index room only: the entry this peer has open, or null on the timeline. */
  entryId: string | null;
}

function asPresenceUser(value: unknown): PresenceUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, name, color } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return null;
  return { id, name, color };
}

/** Awareness states are written by other clients: read them defensively. */
export function readPeers(awareness: Awareness, options: { includeSelf: boolean }): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (!options.includeSelf && clientId === awareness.clientID) continue;
    const user = asPresenceUser(state.user);
    if (!user) continue;
    const entryId = typeof state.entryId === 'string' ? state.entryId : null;
    peers.push({ clientId, user, entryId });
  }
  return peers;
}

/** One person per user id, even when they have the journal open in two tabs. */
export function uniqueUsers(peers: readonly Peer[]): PresenceUser[] {
  const byId = new Map<string, PresenceUser>();
  for (const peer of peers) if (!byId.has(peer.user.id)) byId.set(peer.user.id, peer.user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function peersKey(peers: readonly Peer[]): string {
  return peers.map((p) => `${p.clientId}:${p.user.id}:${p.user.name}:${p.user.color}:${p.entryId ?? ''}`).join('|');
}

/**
 * The people in a room, re-rendering only when who is where changes (caret
 * moves also arrive as awareness changes and should not re-render lists).
 */
export function usePeers(awareness: Awareness | null, options: { includeSelf: boolean }): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  const { includeSelf } = options;
  useEffect(() => {
    if (!awareness) {
      setPeers([]);
      return;
    }
    let key: string | null = null;
    let live = true;
    let queued = false;
    const refresh = () => {
      queued = false;
      if (!live) return;
      const next = readPeers(awareness, { includeSelf });
      const nextKey = peersKey(next);
      if (nextKey === key) return;
      key = nextKey;
      setPeers(next);
    };
    // Awareness can change while another component renders (the editor's
    // caret extension publishes our name when the editor is created), and
    // React forbids updating this one then: read the change just after.
    const onChange = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(refresh);
    };
    refresh();
    awareness.on('change', onChange);
    return () => {
      live = false;
      awareness.off('change', onChange);
    };
  }, [awareness, includeSelf]);
  return peers;
}

/**
 * Publishes one field of our awareness state while the caller is mounted.
 * `resetTo` is written back on unmount (the index room outlives the entry page,
 * and the timeline must stop showing us inside an entry we left).
 */
export function usePublishPresence(awareness: Awareness | null, field: string, value: unknown, resetTo?: unknown): void {
  const serialized = JSON.stringify(value);
  const resetSerialized = JSON.stringify(resetTo ?? null);
  const hasReset = resetTo !== undefined;
  useEffect(() => {
    if (!awareness) return;
    awareness.setLocalStateField(field, JSON.parse(serialized));
    return () => {
      if (hasReset && awareness.getLocalState() !== null) awareness.setLocalStateField(field, JSON.parse(resetSerialized));
    };
  }, [awareness, field, serialized, resetSerialized, hasReset]);
}
