import { joinBackward, lift, setBlockType, splitBlock, toggleMark } from '@tiptap/pm/commands';
import type { Node as PMNode } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { wrapInList } from '@tiptap/pm/schema-list';
import type { HeadlessEditor } from './headlessEditor.js';

interface Textblock {
  pos: number;
  node: PMNode;
}

function textblocks(doc: PMNode): Textblock[] {
  const blocks: Textblock[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      blocks.push({ pos, node });
      return false;
    }
    return true;
  });
  return blocks;
}

/** Runs a command with the selection from `from` to `to` and returns its transaction, if any. */
function command(state: EditorState, from: number, to: number, run: (s: EditorState, d: (tr: Transaction) => void) => boolean): Transaction | null {
  const selected = state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
  let result: Transaction | null = null;
  run(selected, (tr) => (result = tr));
  return result;
}

/**
 * Random editing as two people do it in a journal entry: typing, deleting
 * within and across paragraphs, splitting and joining paragraphs, bold and
 * italic, headings, lists and task lists, deleting whole blocks. Every piece
 * of typed text is a unique token like `[a17]`, so a test can find each one
 * in the merged document.
 */
export function randomEdit(editor: HeadlessEditor, random: () => number, token: string): void {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const schema = editor.schema;
  // Weighted like real writing: mostly typing, some fixing, now and then restructuring.
  const weights: [string, number][] = [
    ['type', 12],
    ['delete', 4],
    ['deleteAcross', 1],
    ['split', 3],
    ['join', 2],
    ['mark', 2],
    ['heading', 1],
    ['list', 1],
    ['lift', 1],
    ['deleteBlock', 1],
  ];
  let roll = random() * weights.reduce((sum, [, w]) => sum + w, 0);
  const kind = weights.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'type';
  editor.apply((state) => {
    const blocks = textblocks(state.doc);
    if (blocks.length === 0) return null;
    const block = pick(blocks);
    const start = block.pos + 1;
    const size = block.node.content.size;
    const at = start + Math.floor(random() * (size + 1));
    const a = start + Math.floor(random() * (size + 1));
    const b = start + Math.floor(random() * (size + 1));
    const [from, to] = a <= b ? [a, b] : [b, a];
    switch (kind) {
      case 'type':
        return state.tr.insertText(token, at);
      case 'delete':
        // A word or two, as backspacing does.
        return from < to ? state.tr.delete(from, Math.min(to, from + 12)) : null;
      case 'deleteAcross': {
        // From somewhere in this block into the next one, joining them.
        const next = blocks[blocks.indexOf(block) + 1];
        if (!next) return null;
        return state.tr.delete(at, next.pos + 1 + Math.floor(random() * Math.min(next.node.content.size + 1, 8)));
      }
      case 'split':
        return command(state, at, at, splitBlock);
      case 'join':
        return command(state, start, start, joinBackward);
      case 'mark':
        return from < to ? command(state, from, to, toggleMark(random() < 0.5 ? schema.marks.bold : schema.marks.italic)) : null;
      case 'heading':
        return command(
          state,
          at,
          at,
          block.node.type === schema.nodes.heading ? setBlockType(schema.nodes.paragraph) : setBlockType(schema.nodes.heading, { level: 2 }),
        );
      case 'list':
        return command(state, at, at, wrapInList(random() < 0.5 ? schema.nodes.bulletList : schema.nodes.taskList));
      case 'lift':
        return command(state, at, at, lift);
      case 'deleteBlock': {
        // Whole paragraphs go only from a document that has plenty of them.
        if (state.doc.childCount < 8) return null;
        const index = Math.floor(random() * state.doc.childCount);
        let pos = 0;
        for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
        return state.tr.delete(pos, pos + state.doc.child(index).nodeSize);
      }
      default:
        return null;
    }
  });
}
