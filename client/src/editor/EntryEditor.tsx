import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, type ReactNode } from 'react';
import type { PresenceUser } from '../collab/presence';
import type { CollabRoom } from '../collab/roomRegistry';
import { entryExtensions } from './extensions';
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
}: {
  room: CollabRoom;
  user: PresenceUser;
  editorId: string;
  onEditor: (editor: Editor | null) => void;
  /** Shown at the end of the sticky toolbar row (the connection status, so it stays in view). */
  toolbarEnd?: ReactNode;
}) {
  const editor = useEditor(
    {
      extensions: entryExtensions({ doc: room.doc, provider: room.provider, user }),
      editorProps: {
        attributes: {
          id: editorId,
          'aria-label': 'Entry text',
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'prose',
          spellcheck: 'true',
        },
      },
      // Re-render only what subscribes through useEditorState (the toolbar).
      shouldRerenderOnTransaction: false,
    },
    [room, user.id, user.name, user.color],
  );

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  return (
    <div className="entry-editor">
      <Toolbar editor={editor} editorId={editorId} end={toolbarEnd} />
      <EditorContent editor={editor} className="entry-editor__content" />
    </div>
  );
}
