import type { Editor } from '@tiptap/core';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

/**
 * What the small forms under the toolbar (link, new comment) share: their
 * field takes focus when they open, Escape closes them, and closing hands
 * focus back to the text so writing goes on where it stopped.
 */
export function useToolbarForm<T extends HTMLInputElement | HTMLTextAreaElement>(editor: Editor, onClose: () => void) {
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<T>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  function close() {
    onClose();
    editor.commands.focus();
  }

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape') return false;
    event.preventDefault();
    close();
    return true;
  }

  /** Props that tie the field to the form's error message for screen readers. */
  const fieldErrorProps = { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined } as const;

  return { inputId, errorId, inputRef, error, setError, close, closeOnEscape, fieldErrorProps };
}
