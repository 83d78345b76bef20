import * as Y from 'yjs';
import { summarizeComments } from '#shared/model/commentSummary.js';
import { commentsRoom, readReadMarks, readThreads } from '#shared/documents/comments.js';
import { indexRoom, writeCommentSummary } from '#shared/documents/journalIndex.js';
import type { AppContext } from '../AppContext.js';

/** The sum of the document's clocks: it grows with every change, whoever makes it. */
function versionOf(doc: Y.Doc): number {
  let sum = 0;
  for (const clock of Y.decodeStateVector(Y.encodeStateVector(doc)).values()) sum += clock;
  return sum;
}

/**
 * Rewrites entries' comment summaries in their journal's index after comment
 * commands and read marks. One publication per entry at a time, each reading
 * the comments document as it is then, so a slower earlier one can never
 * overwrite a newer summary.
 */
export class CommentSummaryPublisher {
  /** Per entry: the publication running or last started, and one waiting behind it (which reads the latest state, so one is enough). */
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Promise<void>>();

  constructor(private readonly app: AppContext) {}

  publish(journalId: string, entryId: string): Promise<void> {
    const key = commentsRoom(journalId, entryId);
    const queued = this.waiting.get(key);
    if (queued) return queued;
    const before = this.running.get(key) ?? Promise.resolve();
    const next = before
      .then(() => {
        this.waiting.delete(key);
        return this.write(journalId, entryId);
      })
      .catch((error: unknown) => {
        // The comment itself is stored; a summary that failed is rewritten with the next change.
        this.app.log.error('could not update a comment summary', { room: key, error: String(error) });
      });
    this.waiting.set(key, next);
    this.running.set(key, next);
    void next.then(() => {
      if (this.running.get(key) === next) this.running.delete(key);
    });
    return next;
  }

  private async write(journalId: string, entryId: string): Promise<void> {
    const members = (await this.app.storage.listMembers(journalId)).map((m) => m.userId);
    const summary = await this.app.relay.change(commentsRoom(journalId, entryId), (doc) =>
      summarizeComments(readThreads(doc).values(), readReadMarks(doc), members, versionOf(doc)),
    );
    await this.app.relay.change(indexRoom(journalId), (doc) => writeCommentSummary(doc, entryId, summary));
  }
}
