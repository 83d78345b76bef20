import * as Y from 'yjs';
import { isValidId } from '../model/ids.js';
import type { DocumentRule } from './DocumentKind.js';

/**
 * The comment mark's name in the editor schema (`shared/schema/commentMark.ts`,
 * kept out of this module so the relay's rules need no editor code; a unit
 * test holds the two equal). y-tiptap stores a mark that does not exclude
 * itself as a text attribute `comment--<hash of the mark>`, so overlapping
 * threads keep their own extents; a plain `comment` key is accepted too.
 */
export const COMMENT_MARK_NAME = 'comment';

const isCommentAttribute = (key: string) => key === COMMENT_MARK_NAME || key.startsWith(`${COMMENT_MARK_NAME}--`);

/** A comment mark's value: `{threadId}` with a well-formed id while it is set, null when it is taken off. */
function isCommentValue(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const threadId = (value as { threadId?: unknown }).threadId;
  return Object.keys(value).length === 1 && typeof threadId === 'string' && isValidId(threadId);
}

/** One character (or embed) of a text with the formatting on it, comment marks left out. */
type Glyph = { content: string; format: string };

/**
 * A text as it reads before or after the transaction: every character with
 * its formatting other than comments. Read from the items themselves, since a
 * Yjs text event's delta also reports formatting that did not change (a
 * redundant end marker cleaned up reads as "bold: null" over plain text).
 */
function glyphs(text: Y.XmlText, visible: (item: Y.Item) => boolean): Glyph[] {
  const out: Glyph[] = [];
  const format = new Map<string, string>();
  for (let item = text._start; item !== null; item = item.right) {
    if (!visible(item)) continue;
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      if (isCommentAttribute(key)) continue;
      if (value === null) format.delete(key);
      else format.set(key, JSON.stringify(value));
      continue;
    }
    if (!item.countable) continue;
    const current = JSON.stringify([...format].sort(([a], [b]) => (a < b ? -1 : 1)));
    // An embedded type is compared by its identity, never by walking it.
    const parts = item.content instanceof Y.ContentType ? [`type:${item.id.client}:${item.id.clock}`] : item.content.getContent().map((c) => JSON.stringify(c));
    for (const content of parts) out.push({ content, format: current });
  }
  return out;
}

/** Whether the change to `text` in this transaction touched only comment marks, and with well-formed values; else what it did. */
function judgeText(text: Y.XmlText, transaction: Y.Transaction): string | null {
  const { beforeState, deleteSet } = transaction;
  const existedBefore = (item: Y.Item) => item.id.clock < (beforeState.get(item.id.client) ?? 0);
  const before = glyphs(text, (item) => existedBefore(item) && (!item.deleted || Y.isDeleted(deleteSet, item.id)));
  const after = glyphs(text, (item) => !item.deleted);
  if (before.length !== after.length || before.some((g, i) => g.content !== after[i].content)) return 'only its writer changes the words of this answer';
  if (before.some((g, i) => g.format !== after[i].format)) return 'you may add or take off comments on this answer, no other formatting';
  for (let item = text._start; item !== null; item = item.right) {
    if (existedBefore(item) || item.deleted || !(item.content instanceof Y.ContentFormat)) continue;
    if (!isCommentValue(item.content.value)) return 'a comment mark names its thread and nothing else';
  }
  return null;
}

/**
 * What the partner may change in an answer once it is released to them:
 * comment marks on its words, added or taken off, and nothing else. The words,
 * the paragraphs, other marks and the title stay the writer's. The relay has
 * already refused anything from them that adds content (4405); this judges
 * the formatting and deletions that reach it (4406). The owner writes anything.
 */
export function answerReaderRule(ownerId: string): DocumentRule {
  return {
    // Every root, deeply, as they are: a change anywhere in the document reaches `check`.
    watch: (doc) => [...doc.share.values()],
    check(events, _doc, writer) {
      if (writer.userId === ownerId) return null;
      for (const event of events) {
        // Only text inside the body carries comment marks (the title is a Y.Text, never an XmlText).
        if (!(event.target instanceof Y.XmlText) || event.changes.keys.size > 0) return 'only its writer changes this answer; you may comment on its words';
        const problem = judgeText(event.target, event.transaction);
        if (problem) return problem;
      }
      return null;
    },
  };
}
