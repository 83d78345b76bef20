import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { authorRanges } from './authorRanges';

export const authorTintKey = new PluginKey<DecorationSet>('authorTint');

/**
 * Tints each passage of the entry with its writer's colour. `colourOf` answers
 * a Yjs client id's colour, or null for a client not known yet (left
 * untinted). Recomputed on every change to the text and whenever the page
 * dispatches `authorTintKey` (the writers became known).
 */
export function authorTintPlugin(fragment: Y.XmlFragment, colourOf: (client: number) => string | null): Plugin<DecorationSet> {
  const build = (state: EditorState) =>
    DecorationSet.create(
      state.doc,
      authorRanges(state.doc, fragment).flatMap((range) => {
        const colour = colourOf(range.client);
        return colour ? [Decoration.inline(range.from, range.to, { class: 'author-tint', style: `--author: ${colour}` })] : [];
      }),
    );
  return new Plugin<DecorationSet>({
    key: authorTintKey,
    state: {
      init: (_config, state) => build(state),
      apply: (tr, previous, _old, state) => (tr.docChanged || tr.getMeta(authorTintKey) ? build(state) : previous.map(tr.mapping, tr.doc)),
    },
    props: { decorations: (state) => authorTintKey.getState(state) },
  });
}
