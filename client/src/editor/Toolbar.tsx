import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { LinkForm } from './LinkForm';
import { icons } from '../ui/icons';

interface ToolButton {
  key: string;
  label: string;
  /** Toggle buttons report their state with aria-pressed; actions (undo) do not. */
  pressed?: boolean;
  disabled?: boolean;
  shortcut?: string;
  content: ReactNode;
  run: () => void;
}

/**
 * The formatting toolbar, following the ARIA toolbar pattern: one tab stop,
 * arrow keys move between buttons, Home/End jump to the ends.
 */
export function Toolbar({
  editor,
  editorId,
  end,
  comment,
  photos,
  below,
}: {
  editor: Editor;
  editorId: string;
  end?: ReactNode;
  /** The "Add comment" button, when the entry takes comments. */
  comment?: { open: boolean; toggle: () => void };
  /** The "Add photos" button, when the entry takes photos: opens the device's picker (or camera). */
  photos?: { pick: () => void };
  /** Shown under the toolbar row (the new-comment form). */
  below?: ReactNode;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      taskList: e.isActive('taskList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      editable: e.isEditable,
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonsRef = useRef<Array<HTMLButtonElement | null>>([]);

  const chain = () => editor.chain().focus();
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = mac ? '⌘' : 'Ctrl+';

  const groups: ToolButton[][] = [
    [
      { key: 'bold', label: 'Bold', pressed: state.bold, shortcut: `${mod}B`, content: <b>B</b>, run: () => chain().toggleBold().run() },
      { key: 'italic', label: 'Italic', pressed: state.italic, shortcut: `${mod}I`, content: <i>I</i>, run: () => chain().toggleItalic().run() },
    ],
    // Early in the row, so a phone shows it without scrolling the toolbar.
    ...(photos ? [[{ key: 'photos', label: 'Add photos', content: icons.photo, run: photos.pick }]] : []),
    [
      { key: 'h2', label: 'Heading', pressed: state.h2, content: <span className="tool__text">H2</span>, run: () => chain().toggleHeading({ level: 2 }).run() },
      { key: 'h3', label: 'Subheading', pressed: state.h3, content: <span className="tool__text">H3</span>, run: () => chain().toggleHeading({ level: 3 }).run() },
      { key: 'quote', label: 'Quote', pressed: state.quote, content: icons.quote, run: () => chain().toggleBlockquote().run() },
    ],
    [
      { key: 'bullets', label: 'Bulleted list', pressed: state.bulletList, content: icons.bulletList, run: () => chain().toggleBulletList().run() },
      { key: 'numbers', label: 'Numbered list', pressed: state.orderedList, content: icons.orderedList, run: () => chain().toggleOrderedList().run() },
      { key: 'tasks', label: 'Task list', pressed: state.taskList, content: icons.taskList, run: () => chain().toggleTaskList().run() },
    ],
    [
      { key: 'link', label: 'Link', pressed: state.link || linkOpen, content: icons.link, run: () => setLinkOpen((open) => !open) },
      ...(comment
        ? [
            {
              key: 'comment',
              label: 'Add comment',
              pressed: comment.open,
              shortcut: mac ? '⌥⌘M' : 'Ctrl+Alt+M',
              content: icons.comment,
              run: comment.toggle,
            },
          ]
        : []),
    ],
    [
      { key: 'undo', label: 'Undo', disabled: !state.canUndo, shortcut: `${mod}Z`, content: icons.undo, run: () => chain().undo().run() },
      { key: 'redo', label: 'Redo', disabled: !state.canRedo, shortcut: mac ? '⇧⌘Z' : 'Ctrl+Y', content: icons.redo, run: () => chain().redo().run() },
    ],
  ];
  const flat = groups.flat();
  const activeIndex = Math.min(focusIndex, flat.length - 1);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    let next: number | null = null;
    if (event.key in moves) next = (activeIndex + moves[event.key] + flat.length) % flat.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = flat.length - 1;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttonsRef.current[next]?.focus();
  }

  let index = 0;
  return (
    <div className="toolbar-wrap">
      <div className="toolbar-row">
        <div role="toolbar" aria-label="Formatting" aria-controls={editorId} className="toolbar" onKeyDown={onKeyDown}>
          {groups.map((group, g) => (
            <div key={g} className="toolbar__group" role="presentation">
              {group.map((tool) => {
                const i = index++;
                return (
                  <button
                    key={tool.key}
                    ref={(el) => {
                      buttonsRef.current[i] = el;
                    }}
                    type="button"
                    className="tool"
                    aria-label={tool.label}
                    aria-pressed={tool.pressed === undefined ? undefined : tool.pressed}
                    aria-keyshortcuts={tool.shortcut ? toAriaShortcut(tool.shortcut) : undefined}
                    aria-disabled={tool.disabled || !state.editable || undefined}
                    title={tool.shortcut ? `${tool.label} (${tool.shortcut})` : tool.label}
                    tabIndex={i === activeIndex ? 0 : -1}
                    // Keep the editor's selection: a click on a tool must not blur the text.
                    onMouseDown={(e) => e.preventDefault()}
                    onFocus={() => setFocusIndex(i)}
                    onClick={() => {
                      if (tool.disabled || !state.editable) return;
                      tool.run();
                    }}
                  >
                    {tool.content}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
        {end}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
      {below}
    </div>
  );
}

/** aria-keyshortcuts wants "Control+B" / "Meta+Shift+Z". */
function toAriaShortcut(display: string): string {
  return display
    .replace('⌥⌘', 'Meta+Alt+')
    .replace('Ctrl+Alt+', 'Control+Alt+')
    .replace('⇧⌘', 'Meta+Shift+')
    .replace('⌘', 'Meta+')
    .replace('Ctrl+', 'Control+');
}
