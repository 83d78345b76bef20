import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PresenceUser } from '../collab/presence';
import type { CollabRoom } from '../sync/RoomRegistry';
import { COMMENT_MARK } from '#shared/schema/commentMark.js';
import type { CommentTarget } from '../comments/createThread';
import { adoptDomSelection, followDomSelection } from '../comments/adoptDomSelection';
import { CommentBubble, hideCommentBubble } from '../comments/CommentBubble';
import { isCommentShortcut } from '../comments/commentShortcut';
import { NewCommentForm } from '../comments/NewCommentForm';
import { selectedQuote, trackSelectedQuote } from '../comments/selectedQuote';
import { showToast } from '../toast/toastStore';
import { entryExtensions } from './extensions';
import { addPhotos } from '../photos/addPhotos';
import { EntryPhotosProvider } from '../photos/EntryPhotos';
import { usePhotoQueue } from '../photos/PhotoQueueContext';
import type * as Y from 'yjs';
import { Toolbar } from './Toolbar';

/**
 * The rich-text body of an entry, bound to the entry room's Y.Doc. The room
 * (doc and provider) comes from the registry, so StrictMode's double mount
 * re-creates only the editor view, never the provider.
 */
export function EntryEditor({
  room,
  user,
  editorId,
  onEditor,
  toolbarEnd,
  commentTarget,
  label = 'Entry text',
  readOnly = false,
  photoTarget,
}: {
  room: CollabRoom;
  user: PresenceUser;
  editorId: string;
  onEditor: (editor: Editor | null) => void;
  /** Shown at the end of the sticky toolbar row (the connection status, so it stays in view). */
  toolbarEnd?: ReactNode;
  /** Where new comment threads go; without it the editor offers no comments. */
  commentTarget?: CommentTarget | null;
  /** What assistive technology calls the text box. */
  label?: string;
  /**
   * Text to read and comment on, never to change (the partner's answer): no
   * toolbar, not editable, still focusable so a phrase can be selected and
   * commented (the bubble, or Mod-Alt-m). The comment form shows under the text.
   */
  readOnly?: boolean;
  /** Where photos added here belong; without it the editor shows photos but takes no new ones. */
  photoTarget?: { journalId: string; entryId: string; indexDoc: Y.Doc | null };
}) {
  const [commentOpen, setCommentOpen] = useState(false);
  const [quote, setQuote] = useState('');
  // The shortcut lives in the editor's extensions, which must not be rebuilt
  // when this state changes: it reads the latest handler through a ref.
  const shortcutRef = useRef<() => boolean>(() => false);
  shortcutRef.current = () => {
    if (!commentTarget) return false;
    const { selection } = editor.state;
    if (selection.empty) {
      const mark = selection.$from.marks().find((m) => m.type.name === COMMENT_MARK);
      const threadId = mark?.attrs.threadId as unknown;
      if (typeof threadId !== 'string') return false;
      commentTarget.onOpenThread(threadId);
      return true;
    }
    openComment();
    return true;
  };
  const queue = usePhotoQueue();
  const filePicker = useRef<HTMLInputElement>(null);
  // Like the shortcut: the extensions read the latest target through a ref.
  const photosRef = useRef<(files: File[], pos: number | null) => boolean>(() => false);
  photosRef.current = (files, pos) => {
    if (!photoTarget || readOnly) return false;
    addPhotos(editor, files, { journalId: photoTarget.journalId, entryId: photoTarget.entryId, queue, pos });
    return true;
  };
  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: entryExtensions({
        doc: room.doc,
        awareness: room.awareness,
        user,
        onCommentShortcut: () => shortcutRef.current(),
        onPhotoFiles: (files, pos) => photosRef.current(files, pos),
      }),
      editorProps: {
        attributes: {
          id: editorId,
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'prose',
          spellcheck: readOnly ? 'false' : 'true',
          // Focusable though not editable, so the selection (and the comment bubble) follows the reader.
          ...(readOnly ? { tabindex: '0', 'aria-readonly': 'true' } : {}),
        },
      },
      // Re-render only what subscribes through useEditorState (the toolbar).
      shouldRerenderOnTransaction: false,
    },
    [room, user.id, user.name, user.color, readOnly],
  );

  // ProseMirror runs no key bindings in a view that is not editable: the comment shortcut is listened for here.
  useEffect(() => {
    if (!readOnly) return;
    const dom = editor.view.dom;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isCommentShortcut(event) && shortcutRef.current()) event.preventDefault();
    };
    dom.addEventListener('keydown', onKeyDown);
    return () => dom.removeEventListener('keydown', onKeyDown);
  }, [editor, readOnly]);

  function toggleComment() {
    if (commentOpen) {
      setCommentOpen(false);
      return;
    }
    // A toolbar click keeps the page's selection (mousedown is prevented) but not always ProseMirror's.
    if (!adoptDomSelection(editor)) {
      showToast({ message: 'Select the words you want to comment on first.', durationMs: 4000 });
      return;
    }
    openComment();
  }

  useEffect(() => followDomSelection(editor), [editor]);
  const quoteTracker = useRef<ReturnType<typeof trackSelectedQuote> | null>(null);
  useEffect(() => {
    const tracker = trackSelectedQuote(editor);
    quoteTracker.current = tracker;
    return tracker.stop;
  }, [editor]);

  function openComment() {
    setQuote(quoteTracker.current?.current() || selectedQuote(editor));
    setCommentOpen(true);
    hideCommentBubble(editor);
  }

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  const withPhotos = (content: ReactNode) =>
    photoTarget ? (
      <EntryPhotosProvider journalId={photoTarget.journalId} entryId={photoTarget.entryId} indexDoc={photoTarget.indexDoc}>
        {content}
      </EntryPhotosProvider>
    ) : (
      content
    );
  const form = commentOpen && commentTarget ? <NewCommentForm editor={editor} target={commentTarget} quote={quote} onClose={() => setCommentOpen(false)} /> : null;
  if (readOnly) {
    return withPhotos(
      <div className="entry-editor entry-editor--read-only">
        <EditorContent editor={editor} className="entry-editor__content" />
        {form}
        {commentTarget && <CommentBubble editor={editor} hidden={commentOpen} onComment={toggleComment} />}
      </div>,
    );
  }
  return withPhotos(
    <div className="entry-editor">
      <Toolbar
        editor={editor}
        editorId={editorId}
        end={toolbarEnd}
        comment={commentTarget ? { open: commentOpen, toggle: toggleComment } : undefined}
        photos={photoTarget ? { pick: () => filePicker.current?.click() } : undefined}
        below={form}
      />
      {photoTarget && (
        // accept="image/*" lets a phone offer its camera as well as its photos.
        <input
          ref={filePicker}
          type="file"
          accept="image/*"
          multiple
          hidden
          data-testid="photo-picker"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) photosRef.current(files, null);
          }}
        />
      )}
      <EditorContent editor={editor} className="entry-editor__content" />
      {commentTarget && <CommentBubble editor={editor} hidden={commentOpen} onComment={toggleComment} />}
    </div>,
  );
}
