import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { BubbleMenu } from '@tiptap/react/menus';
import { icons } from '../editor/toolbarIcons';

/**
 * A "Comment" button beside selected text. The toolbar has the same action,
 * but on a phone it is scrolled out of view at the end of the toolbar, and
 * selected text is where the thought starts anyway.
 */
export function CommentBubble({ editor, onComment }: { editor: Editor; onComment: () => void }) {
  return (
    <BubbleMenu
      editor={editor}
      pluginKey="commentBubble"
      options={{ placement: 'bottom', offset: 8 }}
      shouldShow={({ view, state, from, to }) =>
        view.hasFocus() && state.selection instanceof TextSelection && !state.selection.empty && state.doc.textBetween(from, to, ' ').trim() !== ''
      }
    >
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
