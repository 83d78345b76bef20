import type { Editor } from '@tiptap/core';
import { newId } from '#shared/model/ids.js';
import { currentVersion } from './anchorVersion';
import { addCommentMark } from './commentAnchors';
import type { CommentCommand } from '#shared/model/comments.js';

/** Where new threads go: the entry on screen. */
export interface CommentTarget {
  journalId: string;
  entryId: string;
  /** Queues a command for this entry (the comment outbox). */
  send: (command: CommentCommand) => void;
  /** A thread was started; the panel shows and focuses it. */
  onCreated: (threadId: string) => void;
  /** Mod-Alt-m with the caret in a commented phrase: show that thread (the keyboard's way to "click" a highlight). */
  onOpenThread: (threadId: string) => void;
}

/**
 * Starts a thread on the selected text: marks the phrase (outside the undo
 * history) and queues the request, which goes out at once when online and
 * later otherwise. `quote` is what was selected when the form opened: what
 * the person saw and meant, even if the partner has typed inside it since. The mark comes first so the phrase shows as commented
 * ("Sending…") even before the server has the thread. Returns an error for
 * the form, or null.
 */
export function createThread(editor: Editor, target: CommentTarget, text: string, quote: string): string | null {
  // The selection as it is now: the partner's edits since the form opened have moved it along with the text.
  const { from, to, empty } = editor.state.selection;
  if (empty) return 'Select the words you want to comment on first.';
  if (!quote) return 'Select some text (not only a picture or a line break) to comment on.';
  if (!text.trim()) return 'Write something first.';
  const threadId = newId();
  addCommentMark(editor, from, to, threadId);
  // Done with the selection: the caret goes after the phrase (typing there does not extend the comment).
  editor.commands.setTextSelection(to);
  // Lets the partner tell "the mark is on its way" from "the phrase was deleted" (see AnchorVersion).
  const anchorVersion = currentVersion(editor);
  target.send({ type: 'createThread', threadId, commentId: newId(), quote, text: text.trim(), anchorVersion });
  target.onCreated(threadId);
  return null;
}
