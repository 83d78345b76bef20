import { type FormEvent, useId, useState } from 'react';
import { BUCKET_CATEGORIES, type BucketCategory, ITEM_INPUT_CHARS } from '#shared/documents/bucket.js';
import { CATEGORY_COPY } from './bucketCopy';

/** A new wish: its words and its kind. It goes to the top of the list, for both of you at once. */
export function AddItemForm({ onAdd, disabled, startWith }: { onAdd: (text: string, category: BucketCategory) => void; disabled: boolean; startWith: BucketCategory }) {
  const [text, setText] = useState('');
  const [category, setCategory] = useState<BucketCategory>(startWith);
  const inputId = useId();
  const groupName = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const words = text.trim();
    if (words.length === 0 || disabled) return;
    onAdd(words, category);
    setText('');
  }

  return (
    <form className="bucket-add" onSubmit={submit}>
      <label htmlFor={inputId} className="bucket-add__label">
        Something you’d love to do together
      </label>
      <div className="bucket-add__row">
        <input
          id={inputId}
          className="bucket-add__input"
          value={text}
          maxLength={ITEM_INPUT_CHARS}
          onChange={(e) => setText(e.target.value)}
          placeholder={CATEGORY_COPY[category].hint}
          autoComplete="off"
        />
        <button type="submit" className="button" disabled={disabled || text.trim().length === 0}>
          Add
        </button>
      </div>
      <fieldset className="bucket-add__kinds">
        <legend className="visually-hidden">Kind of wish</legend>
        {BUCKET_CATEGORIES.map((kind) => (
          <label key={kind} className={kind === category ? `bucket-chip bucket-chip--${kind} bucket-chip--on` : `bucket-chip bucket-chip--${kind}`}>
            <input type="radio" name={groupName} value={kind} checked={kind === category} onChange={() => setCategory(kind)} />
            {CATEGORY_COPY[kind].label}
          </label>
        ))}
      </fieldset>
    </form>
  );
}
