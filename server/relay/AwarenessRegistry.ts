import type { AwarenessEntry } from '../../shared/protocol/awarenessUpdate.js';

interface Held {
  clock: number;
  stateJson: string;
  owner: object;
}

/** How many awareness client ids one connection may introduce (a tab uses one). */
const MAX_IDS_PER_OWNER = 4;

export interface AwarenessApplyResult {
  /** Entries that changed the room's view and should be forwarded to the other peers. */
  accepted: AwarenessEntry[];
  /** Entries refused because another connection owns their client id (echoes of it are not counted). */
  refused: number;
}

/**
 * The awareness states of one room, each owned by the connection that first
 * introduced its client id. Only the owner may change or remove an entry, so a
 * client cannot move or erase its partner's caret.
 */
export class AwarenessRegistry {
  private readonly held = new Map<number, Held>();

  apply(owner: object, entries: readonly AwarenessEntry[]): AwarenessApplyResult {
    const accepted: AwarenessEntry[] = [];
    let refused = 0;
    for (const entry of entries) {
      const current = this.held.get(entry.clientId);
      if (current && current.owner !== owner && current.stateJson !== 'null') {
        // The stock provider echoes states it received back to the relay; an echo
        // carries no newer clock and is not an attempt to change anything.
        if (entry.clock > current.clock) refused++;
        continue;
      }
      if (!current || current.owner !== owner) {
        if (this.countOwnedBy(owner) >= MAX_IDS_PER_OWNER) {
          refused++;
          continue;
        }
      }
      // The same rule as y-protocols: newer clocks win; at an equal clock only a removal wins.
      const isNewer =
        !current ||
        current.owner !== owner ||
        entry.clock > current.clock ||
        (entry.clock === current.clock && entry.stateJson === 'null' && current.stateJson !== 'null');
      if (!isNewer) continue;
      this.held.set(entry.clientId, { clock: entry.clock, stateJson: entry.stateJson, owner });
      accepted.push(entry);
    }
    return { accepted, refused };
  }

  /** Forgets an owner's entries; returns the removals to tell the other peers. */
  removeOwner(owner: object): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, held] of this.held) {
      if (held.owner !== owner) continue;
      this.held.delete(clientId);
      if (held.stateJson !== 'null') removed.push({ clientId, clock: held.clock + 1, stateJson: 'null' });
    }
    return removed;
  }

  /** Every live state, for a peer that joins or asks. */
  snapshot(): AwarenessEntry[] {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, held] of this.held) {
      if (held.stateJson !== 'null') entries.push({ clientId, clock: held.clock, stateJson: held.stateJson });
    }
    return entries;
  }

  get size(): number {
    return this.held.size;
  }

  private countOwnedBy(owner: object): number {
    let n = 0;
    for (const held of this.held.values()) if (held.owner === owner) n++;
    return n;
  }
}
