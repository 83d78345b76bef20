import { Slice } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { withoutMark } from '#shared/schema/commentMark.js';
import { entrySchema } from '#shared/schema/entryContent.js';

const schema = entrySchema();

describe('the comment mark', () => {
  it('is taken off pasted text, so a copied phrase never becomes a second anchor of the same thread', () => {
    const comment = schema.marks.comment.create({ threadId: 'thread0001' });
    const bold = schema.marks.bold.create();
    const item = schema.nodes.listItem.create(null, schema.nodes.paragraph.create(null, schema.text('deep', [comment])));
    const copied = new Slice(
      schema.nodes.doc.create(null, [
        schema.nodes.paragraph.create(null, [schema.text('the '), schema.text('lake', [bold, comment])]),
        schema.nodes.bulletList.create(null, item),
      ]).content,
      1,
      0,
    );
    const pasted = withoutMark(copied, schema.marks.comment);
    const marks: string[] = [];
    pasted.content.descendants((node) => {
      for (const mark of node.marks) marks.push(mark.type.name);
    });
    expect(marks).toEqual(['bold']);
    expect(pasted.content.textBetween(0, pasted.content.size, '|')).toBe('the lake|deep');
    expect([pasted.openStart, pasted.openEnd]).toEqual([1, 0]);
  });
});
