import { useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { localDay, setEntryDate } from '#shared/documents/journalIndex.js';
import { formatDay } from '../ui/formatDate';

/**
 * The day an entry is about, which either partner may change (writing today
 * about yesterday): the timeline and On This Day follow it. Written to the
 * journal index on this device, so it works offline like any edit.
 */
export function EntryDate({ index, entryId, day }: { index: Y.Doc | null; entryId: string; day: string }) {
  const [editing, setEditing] = useState(false);
  const inputId = useId();
  const changeButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => changeButton.current?.focus());
  };

  if (!editing) {
    return (
      <p className="entry__date">
        <time dateTime={day}>{formatDay(day)}</time>
        {index && (
          <button ref={changeButton} type="button" className="link-button entry__date-change" onClick={() => setEditing(true)}>
            Change date
          </button>
        )}
      </p>
    );
  }
  return (
    <form
      className="entry__date entry__date--editing"
      onSubmit={(event) => {
        event.preventDefault();
        const value = new FormData(event.currentTarget).get('day');
        if (index && typeof value === 'string' && value !== '') setEntryDate(index, entryId, value);
        close();
      }}
    >
      <label htmlFor={inputId}>This entry is about</label>
      <input
        id={inputId}
        name="day"
        type="date"
        className="field__input entry__date-input"
        defaultValue={day}
        max={localDay(new Date())}
        required
        autoFocus
        onKeyDown={(event) => {
          if (event.key === 'Escape') close();
        }}
      />
      <button type="submit" className="button button--small">
        Save
      </button>
      <button type="button" className="button button--quiet button--small" onClick={close}>
        Cancel
      </button>
    </form>
  );
}
