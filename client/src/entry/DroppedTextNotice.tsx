import type { Editor } from '@tiptap/core';

/**
 * Shown when a partner deleted a paragraph while this device was writing in
 * it: the document converged without those words, and nobody chose that.
 * "Put them back" adds them as new paragraphs at the end of the entry (where
 * they were no longer exists); "Dismiss" accepts the deletion.
 */
export function DroppedTextNotice({ blocks, editor, onDone }: { blocks: string[]; editor: Editor | null; onDone: () => void }) {
  if (blocks.length === 0) return null;
  const quoted = blocks.join(' … ');

  function putBack() {
    if (!editor || editor.isDestroyed) return;
    const paragraphs = blocks.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
    editor.chain().insertContentAt(editor.state.doc.content.size, paragraphs).run();
    onDone();
  }

  return (
    <div className="notice notice--warning" role="alert">
      <p>
        <strong>A paragraph you were writing in was deleted on another device at the same time,</strong> so these words of yours were removed
        with it: <q className="dropped-text">{quoted}</q>
      </p>
      <div className="notice__actions">
        <button type="button" className="button button--small" onClick={putBack} disabled={!editor}>
          Put them back
        </button>
        <button type="button" className="button button--quiet button--small" onClick={onDone}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
