import * as Y from 'yjs';

/**
 * The photos an entry shows, read straight from its Yjs body (no editor, no
 * TipTap): the server keeps the index's `shownIn` from this, and code that
 * only reads an entry can list its photos without building a schema.
 */

/** The element name of a photo in an entry body (the ProseMirror node `photo`, shared/schema/photoNode.ts). */
export const PHOTO_ELEMENT = 'photo';

/** The ids of the photos in an entry body, in document order, each once. Photos may sit inside quotes and lists. */
export function photoIdsInBody(body: Y.XmlFragment): string[] {
  const ids = new Set<string>();
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === PHOTO_ELEMENT) {
        const id = child.getAttribute('id') as unknown;
        if (typeof id === 'string') ids.add(id);
      } else visit(child);
    }
  };
  visit(body);
  return [...ids];
}
