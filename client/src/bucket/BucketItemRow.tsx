import type { CSSProperties, KeyboardEvent, PointerEvent } from 'react';
import type * as Y from 'yjs';
import { BUCKET_CATEGORIES, type BucketCategory, type BucketItem, itemText } from '#shared/documents/bucket.js';
import { userColor } from '../collab/userColor';
import { Avatar } from '../ui/Avatar';
import { CATEGORY_COPY, shortDay } from './bucketCopy';
import { ItemText } from './ItemText';

export interface RowActions {
  tick(done: boolean): void;
  setCategory(category: BucketCategory): void;
  remove(): void;
  makeMemory(): void;
}

interface HandleProps {
  onPointerDown(event: PointerEvent<HTMLElement>): void;
  onPointerMove(event: PointerEvent<HTMLElement>): void;
  onPointerUp(event: PointerEvent<HTMLElement>): void;
  onPointerCancel(): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/** The words a row is named by for assistive tech and tests; an empty wish still needs a name. */
export const itemName = (item: BucketItem) => item.text.trim() || 'A wish without words yet';

/**
 * One wish on the list: its handle (open items only), a tick, its words to
 * edit in place, its category, who added it, and for a done one who ticked
 * it off and when, and the way into its memory.
 */
export function BucketItemRow({
  doc,
  item,
  userId,
  nameOf,
  actions,
  handle,
  hintId,
  style,
  dragging,
}: {
  doc: Y.Doc;
  item: BucketItem;
  /** Who is looking: "you" for them. */
  userId: string;
  /** A member's name as their account has it. */
  nameOf: (userId: string) => string;
  actions: RowActions;
  /** Drag and keyboard moves; absent for done items, which sit below in the order they were done. */
  handle?: HandleProps;
  hintId: string;
  style?: CSSProperties;
  dragging?: boolean;
}) {
  const ytext = itemText(doc, item.id);
  const done = item.doneBy !== null && item.doneAt !== null;
  const name = itemName(item);
  const addedBy = nameOf(item.addedBy);
  const who = (id: string) => (id === userId ? 'you' : nameOf(id));
  const classes = ['bucket-item', done && 'bucket-item--done', dragging && 'bucket-item--dragging'].filter(Boolean).join(' ');

  return (
    <li className={classes} data-item-id={item.id} style={style}>
      {handle ? (
        <button type="button" className="bucket-item__handle" aria-label={`Move “${name}”`} aria-describedby={hintId} data-move-handle={item.id} {...handle}>
          <svg viewBox="0 0 12 20" width="12" height="20" aria-hidden="true" focusable="false">
            {[4, 10, 16].map((y) => (
              <g key={y}>
                <circle cx="3" cy={y} r="1.6" fill="currentColor" />
                <circle cx="9" cy={y} r="1.6" fill="currentColor" />
              </g>
            ))}
          </svg>
        </button>
      ) : (
        <span className="bucket-item__handle bucket-item__handle--none" aria-hidden="true" />
      )}
      <label className="bucket-item__tick">
        <input type="checkbox" checked={done} onChange={(e) => actions.tick(e.target.checked)} aria-label={name} />
        <span className="bucket-item__box" aria-hidden="true">
          <svg viewBox="0 0 16 16" width="14" height="14">
            <path d="m3.5 8.5 3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </span>
      </label>
      <div className="bucket-item__body">
        {ytext && <ItemText ytext={ytext} label={`Words of “${name}”`} done={done} />}
        <div className="bucket-item__meta">
          <select
            className={`bucket-chip bucket-chip--${item.category}`}
            value={item.category}
            aria-label={`Category of “${name}”`}
            onChange={(e) => actions.setCategory(e.target.value as BucketCategory)}
          >
            {BUCKET_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {CATEGORY_COPY[category].label}
              </option>
            ))}
          </select>
          <span className="bucket-item__who">
            <Avatar name={addedBy} color={userColor(item.addedBy)} size="sm" />
            <span>Added by {who(item.addedBy)}</span>
          </span>
        </div>
        {done && (
          <div className="bucket-item__lived">
            <p className="bucket-item__done" data-testid="bucket-done-line">
              Done by {who(item.doneBy!)}, {shortDay(item.doneAt!)}
            </p>
            <button type="button" className="button button--small button--quiet bucket-item__memory" onClick={actions.makeMemory}>
              {item.memoryEntryId ? 'Open our memory' : 'Make it a memory'}
            </button>
          </div>
        )}
      </div>
      <div className="bucket-item__actions">
        <button type="button" className="bucket-item__remove" aria-label={`Remove “${name}”`} title="Remove" onClick={actions.remove}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </li>
  );
}
