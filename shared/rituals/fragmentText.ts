import * as Y from 'yjs';

/**
 * Whether a rich-text fragment holds any visible text, without building the
 * whole string (an answer can be long; the server only asks "is it empty?").
 */
export function fragmentHasText(fragment: Y.XmlFragment | Y.XmlElement): boolean {
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) {
      if (child.toString().replace(/<[^>]*>/g, '').trim().length > 0) return true;
    } else if (child instanceof Y.XmlElement || child instanceof Y.XmlFragment) {
      if (fragmentHasText(child)) return true;
    }
  }
  return false;
}
