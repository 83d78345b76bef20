import type * as Y from 'yjs';
import { entryBody, entryDocument, entryRoom } from '#shared/documents/entry.js';
import { photoIdsInBody } from '#shared/documents/entryPhotos.js';
import { followEntryPhotos } from '#shared/documents/indexPhotos.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import type { DocumentRegistry } from '#shared/documents/registry.js';
import type { Relay } from '../relay/Relay.js';
import type { Logger } from '../relay/types.js';

/** How long an entry stays quiet before its photos are read again: a burst of typing is one read. */
export const FOLLOW_DELAY_MS = 400;

/**
 * Keeps each photo record's `shownIn` (shared/documents/indexPhotos.ts)
 * following the entries the relay stores: told of every stored change
 * (`onStored`), it waits until an entry has been quiet for a moment, reads the
 * photo elements' ids in its body, and writes what changed into its journal's
 * index. An entry only ever touches the records of its own journal's index.
 *
 * Work on one entry runs one at a time (`withEntry`), so an upload that reads
 * an entry and writes a record cannot cross a reading of the same entry.
 */
export class PhotoReferences {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; journalId: string; entryId: string }>();
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: { relay: Relay; documents: DocumentRegistry; log: Logger; delayMs?: number },
  ) {}

  /** For RelayOptions.onStored: notes an entry that changed; the work happens later. */
  readonly onStored = (roomName: string, _doc: Y.Doc): void => {
    const room = this.options.documents.parse(roomName);
    if (room?.kind !== entryDocument || room.id === null) return;
    const pending = this.timers.get(roomName);
    if (pending) clearTimeout(pending.timer);
    const { journalId, id: entryId } = room;
    const timer = setTimeout(() => {
      this.timers.delete(roomName);
      void this.follow(journalId, entryId);
    }, this.options.delayMs ?? FOLLOW_DELAY_MS);
    timer.unref();
    this.timers.set(roomName, { timer, journalId, entryId });
  };

  /** The photo ids in an entry's body as stored now. */
  photosIn(journalId: string, entryId: string): Promise<string[]> {
    return this.options.relay.change(entryRoom(journalId, entryId), (doc) => photoIdsInBody(entryBody(doc)));
  }

  /** Reads an entry's photos and makes the index's `shownIn` say so. */
  follow(journalId: string, entryId: string): Promise<void> {
    return this.withEntry(journalId, entryId, async () => {
      try {
        const shown = await this.photosIn(journalId, entryId);
        await this.options.relay.change(indexRoom(journalId), (doc) => followEntryPhotos(doc, entryId, shown));
      } catch (error) {
        // The entry is stored; the records follow with its next change.
        this.options.log.error('could not follow the photos of an entry', { journalId, entryId, error: String(error) });
      }
    });
  }

  /** Runs `task` when no other work on this entry is running, and before any that starts later. */
  withEntry<T>(journalId: string, entryId: string, task: () => Promise<T>): Promise<T> {
    const key = entryRoom(journalId, entryId);
    const before = this.chains.get(key) ?? Promise.resolve();
    const run = before.then(task, task);
    const settled = run.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return run;
  }

  /** Does now what is waiting (before the relay stops), and resolves when all of it is done. */
  async flush(): Promise<void> {
    const waiting = [...this.timers.values()];
    this.timers.clear();
    for (const { timer } of waiting) clearTimeout(timer);
    await Promise.all([...waiting.map(({ journalId, entryId }) => this.follow(journalId, entryId)), ...this.chains.values()]);
  }

  /** Forgets what is waiting (after the relay has stopped, nothing more can be written). */
  stop(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
