import type { AwarenessEntry } from '#shared/protocol/awarenessUpdate.js';

/** The state JSON of a client that went away (y-protocols sends `null`). */
export const GONE_STATE = 'null';

interface Held {
  clock: number;
  stateJson: string;
  /** The connection that speaks for this client id now; null once it has left. */
  owner: object | null;
  /** The user the client id belongs to, for as long as the room lives. */
  userId: string;
}

/** How many awareness client ids one connection may introduce (a tab uses one). */
const MAX_IDS_PER_OWNER = 4;
/** How many client ids a room remembers, counting those whose connection has left. */
const MAX_IDS_PER_ROOM = 1000;

export interface AwarenessApplyResult {
  /** Entries that changed the room's view and should be forwarded to the other peers. */
  accepted: AwarenessEntry[];
  /** Entries refused because the client id belongs to another user (echoes of it are not counted). */
  refused: number;
}

/**
 * The awareness states of one room. A client id belongs to the user whose
 * connection introduced it, so nobody can move, fake or erase their partner's
 * caret. The same user may take an id over from another of their connections:
 * a tab that reconnects keeps its id while the relay may not yet have noticed
 * that the old socket is gone.
 */
export class AwarenessRegistry {
  private readonly held = new Map<number, Held>();

  /** `docOwnerOf` names who writes the document under a client id: nobody else may show presence under it. */
  constructor(private readonly docOwnerOf: (clientId: number) => string | undefined = () => undefined) {}

  /** The user a client id's presence belongs to, if anyone has introduced it. */
  userOf(clientId: number): string | undefined {
    return this.held.get(clientId)?.userId;
  }

  apply(owner: object, userId: string, entries: readonly AwarenessEntry[]): AwarenessApplyResult {
    const accepted: AwarenessEntry[] = [];
    let refused = 0;
    for (const entry of entries) {
      const current = this.held.get(entry.clientId);
      const writer = current ? undefined : this.docOwnerOf(entry.clientId);
      if (writer !== undefined && writer !== userId) {
        refused++;
        continue;
      }
      if (current && current.userId !== userId) {
        // The stock provider echoes states it received back to the relay; an
        // echo carries no newer clock and is not an attempt to change anything.
        if (entry.clock > current.clock) refused++;
        continue;
      }
      if (!current || current.owner !== owner) {
        if (this.countOwnedBy(owner) >= MAX_IDS_PER_OWNER) {
          refused++;
          continue;
        }
      }
      // The same rule as y-protocols: newer clocks win; at an equal clock only a removal
      // wins, or the same user's new connection taking the id over.
      const isNewer =
        !current ||
        entry.clock > current.clock ||
        (entry.clock === current.clock && (current.owner !== owner || (entry.stateJson === GONE_STATE && current.stateJson !== GONE_STATE)));
      if (!isNewer) continue;
      if (!current) this.makeRoom();
      this.held.set(entry.clientId, { clock: entry.clock, stateJson: entry.stateJson, owner, userId });
      accepted.push(entry);
    }
    return { accepted, refused };
  }

  /** Forgets what a connection published; returns the removals to tell the other peers. */
  removeOwner(owner: object): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, held] of this.held) {
      if (held.owner !== owner) continue;
      // Keep the id's user, so nobody else can claim it after it is gone.
      this.held.set(clientId, { clock: held.clock + 1, stateJson: GONE_STATE, owner: null, userId: held.userId });
      if (held.stateJson !== GONE_STATE) removed.push({ clientId, clock: held.clock + 1, stateJson: GONE_STATE });
    }
    return removed;
  }

  /** Every live state, for a peer that joins or asks. */
  snapshot(): AwarenessEntry[] {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, held] of this.held) {
      if (held.stateJson !== GONE_STATE) entries.push({ clientId, clock: held.clock, stateJson: held.stateJson });
    }
    return entries;
  }

  private countOwnedBy(owner: object): number {
    let n = 0;
    for (const held of this.held.values()) if (held.owner === owner) n++;
    return n;
  }

  /** Forgets the oldest ids whose connection has left, so a churning client cannot grow the map without end. */
  private makeRoom(): void {
    if (this.held.size < MAX_IDS_PER_ROOM) return;
    for (const [clientId, held] of this.held) {
      if (held.owner !== null) continue;
      this.held.delete(clientId);
      if (this.held.size < MAX_IDS_PER_ROOM) return;
    }
  }
}
