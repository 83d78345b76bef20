import type * as Y from 'yjs';
import { type CommentThread, THREADS_FIELD } from './comments.js';
import { READS_FIELD } from './readMarks.js';

/**
 * Reading an entry's comments document, the same way on the server and in
 * the browser. The server writes it, but a value this code cannot read (an
 * older format, a damaged record) is left out rather than breaking the reader.
 */

/** The threads, by id. */
export function readThreads(doc: Y.Doc): Map<string, CommentThread> {
  const threads = new Map<string, CommentThread>();
  doc.getMap<unknown>(THREADS_FIELD).forEach((value, id) => {
    if (typeof value !== 'string') return;
    try {
      const thread = JSON.parse(value) as CommentThread;
      if (thread && Array.isArray(thread.comments)) threads.set(id, thread);
    } catch {
      // Left out; see above.
    }
  });
  return threads;
}

/** Each member's read mark (shared/model/readMarks.ts), by user id. */
export function readReadMarks(doc: Y.Doc): Map<string, number> {
  const reads = new Map<string, number>();
  doc.getMap<unknown>(READS_FIELD).forEach((value, id) => {
    if (typeof value === 'number' && Number.isFinite(value)) reads.set(id, value);
  });
  return reads;
}
