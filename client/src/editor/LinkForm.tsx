import type { Editor } from '@tiptap/core';
import { useState, type FormEvent } from 'react';
import { useToolbarForm } from '../ui/useToolbarForm';

/** Accepts "example.com" as https, and refuses schemes that would run code. */
export function normalizeUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** A small inline form under the toolbar to add, change or remove a link. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { inputId, errorId, inputRef, error, setError, close, closeOnEscape, fieldErrorProps } = useToolbarForm<HTMLInputElement>(editor, onClose);
  const existing = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [value, setValue] = useState(existing);

  function apply(event: FormEvent) {
    event.preventDefault();
    const href = normalizeUrl(value);
    if (!href) {
      setError('That does not look like a web address. Try something like example.com.');
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      // Nothing selected: write the address itself as the link text.
      editor.chain().focus().insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  return (
    <form
      className="link-form"
      onSubmit={apply}
      onKeyDown={closeOnEscape}
      aria-label="Link"
      noValidate
    >
      <label htmlFor={inputId} className="field__label">
        Link address
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="field__input"
        type="url"
        inputMode="url"
        placeholder="https://"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        {...fieldErrorProps}
      />
      <div className="link-form__actions">
        <button type="submit" className="button button--small">
          {existing ? 'Update link' : 'Add link'}
        </button>
        {existing && (
          <button type="button" className="button button--quiet button--small" onClick={remove}>
            Remove link
          </button>
        )}
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
