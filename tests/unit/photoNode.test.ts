import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HeadlessEditor } from '../helpers/headlessEditor.js';
import { entrySchema } from '#shared/schema/entryContent.js';
import { photoIdsIn } from '#shared/schema/photoNode.js';

const schema = entrySchema();

describe('the photo node', () => {
  it('is a block atom with a required id and a caption that defaults to empty', () => {
    const photo = schema.nodes.photo;
    expect(photo.isBlock && photo.isAtom).toBe(true);
    expect(photo.spec.draggable).toBe(true);
    expect(photo.create({ id: 'photo0001' }).attrs).toEqual({ id: 'photo0001', caption: '' });
    expect(() => photo.create({})).toThrow();
    expect(() => photo.create({ id: 42 })).toThrow();
  });

  it('is stored in the entry document as a photo element with its attributes, and read back', () => {
    const ydoc = new Y.Doc();
    const editor = new HeadlessEditor(ydoc, schema);
    editor.apply((state) =>
      state.tr.replaceWith(0, state.doc.content.size, [
        schema.nodes.paragraph.create(null, schema.text('the lake')),
        schema.nodes.photo.create({ id: 'photo0001', caption: 'us at the lake' }),
        schema.nodes.photo.create({ id: 'photo0002' }),
      ]),
    );
    const element = editor.fragment.get(1) as Y.XmlElement;
    expect(element.nodeName).toBe('photo');
    expect(element.getAttributes()).toEqual({ id: 'photo0001', caption: 'us at the lake' });
    const read = yXmlFragmentToProseMirrorRootNode(editor.fragment, schema);
    expect(photoIdsIn(read)).toEqual(['photo0001', 'photo0002']);
    expect(read.child(1).attrs.caption).toBe('us at the lake');
  });

  it('renders a caption as text, never as markup', () => {
    const spec = schema.nodes.photo.spec.toDOM!(schema.nodes.photo.create({ id: 'photo0001', caption: '<img src=x>' }));
    expect(spec).toEqual(['figure', { 'data-photo-id': 'photo0001', class: 'photo' }, ['figcaption', '<img src=x>']]);
  });
});
