import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { BubbleMenu } from '@tiptap/react/menus';
import { useCallback, useRef } from 'react';
import { icons } from '../ui/icons';

const OPTIONS = { placement: 'bottom', offset: 8 } as const;
const PLUGIN_KEY = 'commentBubble';

/**
 * Hides the bubble now. Its own blur handling skips the blur that follows a
 * press on the bubble, so once the comment form takes the focus the bubble
 * would stay over the text (the form of a read-only answer sits right there).
 */
export function hideCommentBubble(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(PLUGIN_KEY, 'hide'));
}

/**
 * A "Comment" button beside selected text. The toolbar has the same action,
 * but on a phone it is scrolled out of view at the end of the toolbar, and
 * selected text is where the thought starts anyway. Mounted once per editor:
 * (un)registering the menu's plugin reconfigures the whole editor state, so
 * `hidden` is read at show time rather than by unmounting.
 */
export function CommentBubble({ editor, hidden, onComment }: { editor: Editor; hidden: boolean; onComment: () => void }) {
  const hiddenNow = useRef(hidden);
  hiddenNow.current = hidden;
  const shouldShow = useCallback(
    ({ view, state, from, to }: { view: Editor['view']; state: Editor['state']; from: number; to: number }) =>
      !hiddenNow.current &&
      view.hasFocus() &&
      state.selection instanceof TextSelection &&
      !state.selection.empty &&
      state.doc.textBetween(from, to, ' ').trim() !== '',
    [],
  );
  return (
    <BubbleMenu editor={editor} pluginKey={PLUGIN_KEY} options={OPTIONS} shouldShow={shouldShow}>
      <button
        type="button"
        className="comment-bubble"
        // Keep the selection: the click must not move focus out of the text first.
        onMouseDown={(event) => event.preventDefault()}
        onClick={onComment}
      >
        {icons.comment}
        <span>Comment</span>
      </button>
    </BubbleMenu>
  );
}
