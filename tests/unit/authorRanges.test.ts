import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entrySchema } from '#shared/schema/entryContent.js';
import { authorRanges } from '../../client/src/entry/authorRanges.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';

/** Two partners' copies of one entry, each with a fixed client id, kept in step. */
function couple() {
  const schema = entrySchema();
  const make = (clientID: number) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return new HeadlessEditor(doc, schema);
  };
  const ada = make(1);
  const ben = make(2);
  const sync = () => {
    Y.applyUpdate(ben.ydoc, Y.encodeStateAsUpdate(ada.ydoc));
    Y.applyUpdate(ada.ydoc, Y.encodeStateAsUpdate(ben.ydoc));
  };
  return { ada, ben, sync };
}

/** The text of each range with its writer, to read results as a person would. */
function attributed(editor: HeadlessEditor): [string, number][] {
  return authorRanges(editor.doc, editor.fragment).map((r) => [editor.doc.textBetween(r.from, r.to), r.client]);
}

describe('who wrote what', () => {
  it('finds each partner’s words, inside one paragraph and across blocks and marks', () => {
    const { ada, ben, sync } = couple();
    ada.apply((s) => s.tr.insertText('We swam at dawn.', 1));
    sync();
    // Ben types inside Ada's sentence, in bold, then adds a list item after it.
    ben.apply((s) => s.tr.insertText('cold ', 12).addMark(12, 17, s.schema.marks.bold.create()));
    ben.apply((s) => {
      const item = s.schema.nodes.listItem.create(null, s.schema.nodes.paragraph.create(null, s.schema.text('Towels next time')));
      return s.tr.insert(s.doc.content.size, s.schema.nodes.bulletList.create(null, item));
    });
    sync();
    expect(ada.doc.textContent).toBe('We swam at cold dawn.Towels next time');
    expect(attributed(ada)).toEqual([
      ['We swam at ', 1],
      ['cold ', 2],
      ['dawn.', 1],
      ['Towels next time', 2],
    ]);
    expect(attributed(ben)).toEqual(attributed(ada));
  });

  it('leaves out deleted words and counts an inline break as one position', () => {
    const { ada, ben, sync } = couple();
    ada.apply((s) => s.tr.insertText('Hello there friend', 1));
    sync();
    ben.apply((s) => s.tr.delete(7, 13));
    sync();
    expect(attributed(ada)).toEqual([['Hello friend', 1]]);
    ben.apply((s) => s.tr.insert(13, s.schema.nodes.hardBreak.create()));
    ben.apply((s) => s.tr.insertText('of mine', 14));
    sync();
    expect(ada.doc.textBetween(1, ada.doc.content.size - 1, '', '|')).toBe('Hello friend|of mine');
    expect(attributed(ada)).toEqual([
      ['Hello friend', 1],
      ['of mine', 2],
    ]);
  });
});
