import { Node } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { PHOTO_ELEMENT } from '../documents/entryPhotos.js';

export const PHOTO_NODE = PHOTO_ELEMENT;

/**
 * A photo in an entry: a reference to a file the server keeps, never the bytes
 * (docs/design/memories.md, "Photos"). The id is made on the device when the
 * photo is put in the entry, so a photo added offline is in the entry at once
 * and uploads later under the same id. In the Yjs document it is a
 * `Y.XmlElement` named `photo` with the attributes `id` and `caption`, so
 * co-editing, undo and offline merge treat it like any other block.
 *
 * Shared by both editors, the server and tests, so it renders without the DOM:
 * the client adds its own node view on top (`PhotoNode.extend({ addNodeView })`).
 */
export const PhotoNode = Node.create({
  name: PHOTO_NODE,
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      id: {
        // A photo without an id refers to nothing; the schema refuses to make one.
        isRequired: true,
        validate: 'string',
        parseHTML: (element) => element.getAttribute('data-photo-id'),
        renderHTML: (attributes) => (typeof attributes.id === 'string' ? { 'data-photo-id': attributes.id } : {}),
      },
      caption: {
        default: '',
        parseHTML: (element) => element.querySelector('figcaption')?.textContent ?? '',
        // Rendered as the figcaption's text (below), not as an attribute.
        renderHTML: () => ({}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-photo-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const caption = typeof node.attrs.caption === 'string' ? node.attrs.caption : '';
    // A string child is a text node, so a caption can never become markup.
    return caption
      ? ['figure', { ...HTMLAttributes, class: 'photo' }, ['figcaption', caption]]
      : ['figure', { ...HTMLAttributes, class: 'photo' }];
  },
});

/** The ids of the photos in a ProseMirror document, in document order, each once. */
export function photoIdsIn(doc: PMNode): string[] {
  const ids = new Set<string>();
  doc.descendants((node) => {
    if (node.type.name === PHOTO_NODE && typeof node.attrs.id === 'string') ids.add(node.attrs.id);
    return !node.isAtom;
  });
  return [...ids];
}
