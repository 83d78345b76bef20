/** One contiguous replacement that turns `before` into `after`. */
export interface TextChange {
  index: number;
  deleteCount: number;
  insert: string;
}

function commonPrefix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * The smallest single replacement from `before` to `after`, found by trimming
 * the common prefix and suffix. Writing only that span into a Y.Text (rather
 * than replacing the whole title) lets two people's title edits merge.
 *
 * `caret` (where the caret is in `after`) settles ambiguous cases: typing "a"
 * after the first letter of "aa" must insert at 1, not append at 2, or a
 * partner's concurrent edit nearby lands on the wrong side of it.
 */
export function diffText(before: string, after: string, caret?: number): TextChange | null {
  if (before === after) return null;
  const shortest = Math.min(before.length, after.length);

  if (caret !== undefined && caret >= 0 && caret <= after.length) {
    // Everything after the caret is untouched text, if that is consistent with `before`.
    const suffix = after.length - caret;
    if (suffix <= before.length && after.slice(caret) === before.slice(before.length - suffix)) {
      const prefix = commonPrefix(before, after, Math.min(shortest - suffix, caret));
      return {
        index: prefix,
        deleteCount: before.length - suffix - prefix,
        insert: after.slice(prefix, after.length - suffix),
      };
    }
  }

  const prefix = commonPrefix(before, after, shortest);
  const suffix = commonSuffix(before, after, shortest - prefix);
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** A Yjs text delta, as in Y.YTextEvent.delta. */
export type TextDelta = ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }>;

/**
 * Where a caret at `position` ends up after someone else's change. Text
 * inserted exactly at the caret goes after it, so the local caret stays
 * where the person left it.
 */
export function mapThroughDelta(position: number, delta: TextDelta): number {
  let index = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (index >= position) break;
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, position - index);
      index += op.delete;
    }
  }
  return Math.max(0, position + shift);
}
