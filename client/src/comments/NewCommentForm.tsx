import type { Editor } from '@tiptap/core';
import { useState, type FormEvent } from 'react';
import { useToolbarForm } from '../ui/useToolbarForm';
import { createThread, type CommentTarget } from './createThread';

/** The small form under the toolbar that starts a thread on the selected text. */
export function NewCommentForm({ editor, target, quote, onClose }: { editor: Editor; target: CommentTarget; quote: string; onClose: () => void }) {
  const { inputId, errorId, inputRef, error, setError, close, closeOnEscape, fieldErrorProps } = useToolbarForm<HTMLTextAreaElement>(editor, onClose);
  const [text, setText] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = createThread(editor, target, text, quote);
    if (problem) {
      setError(problem);
      return;
    }
    onClose();
  }

  return (
    <form
      className="link-form comment-form"
      aria-label="New comment"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (!closeOnEscape(e) && e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
      }}
      noValidate
    >
      <label htmlFor={inputId} className="field__label">
        Comment
      </label>
      <textarea
        ref={inputRef}
        id={inputId}
        className="field__input comment-form__text"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        {...fieldErrorProps}
      />
      <div className="link-form__actions">
        <button type="submit" className="button button--small">
          Post comment
        </button>
        <button type="button" className="button button--quiet button--small" onClick={close}>
          Cancel
        </button>
      </div>
      {error && (
        <p role="alert" id={errorId} className="form-error">
          {error}
        </p>
      )}
    </form>
  );
}
