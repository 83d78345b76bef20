import { type CSSProperties, type KeyboardEvent, type PointerEvent, useRef, useState } from 'react';

/** Rows are marked with `data-item-id`; the hook measures them when a drag starts. */
interface Row {
  id: string;
  top: number;
  bottom: number;
}

interface Drag {
  id: string;
  pointerId: number;
  startY: number;
  dy: number;
  /** Where the row would land, as an index among the other rows. */
  to: number;
  rows: Row[];
  /** The dragged row's height plus the gap to its neighbour: how far the others step aside. */
  step: number;
}

/** A pointer that moved less than this was a tap on the handle, not a drag. */
const DRAG_SLOP_PX = 4;

/**
 * Reordering a list by dragging a handle (mouse, pen or finger: pointer
 * events, so phones work without HTML drag and drop) or with the arrow keys
 * on a focused handle. While dragging, the row follows the pointer and the
 * others step aside; on release `onMove(id, to)` gets the index among the
 * other rows where it was dropped. Nothing is written until then, so a
 * partner's change arriving mid-drag is never fought over.
 */
export function useDragReorder(ids: readonly string[], onMove: (id: string, to: number) => void) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  function measure(): Row[] {
    const rows = listRef.current?.querySelectorAll<HTMLElement>(':scope > [data-item-id]') ?? [];
    return [...rows].map((row) => {
      const rect = row.getBoundingClientRect();
      return { id: row.dataset.itemId ?? '', top: rect.top, bottom: rect.bottom };
    });
  }

  function handleProps(id: string) {
    return {
      onPointerDown(event: PointerEvent<HTMLElement>) {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        const rows = measure();
        const at = rows.findIndex((row) => row.id === id);
        if (at < 0) return;
        const gap = rows.length > 1 ? Math.max(0, (rows[1].top - rows[0].bottom) | 0) : 0;
        setDrag({ id, pointerId: event.pointerId, startY: event.clientY, dy: 0, to: at, rows, step: rows[at].bottom - rows[at].top + gap });
      },
      onPointerMove(event: PointerEvent<HTMLElement>) {
        if (!drag || drag.id !== id || drag.pointerId !== event.pointerId) return;
        const dy = event.clientY - drag.startY;
        const me = drag.rows.find((row) => row.id === id)!;
        const centre = (me.top + me.bottom) / 2 + dy;
        const to = drag.rows.filter((row) => row.id !== id && (row.top + row.bottom) / 2 < centre).length;
        setDrag({ ...drag, dy, to });
      },
      onPointerUp(event: PointerEvent<HTMLElement>) {
        if (!drag || drag.id !== id || drag.pointerId !== event.pointerId) return;
        setDrag(null);
        const from = drag.rows.findIndex((row) => row.id === id);
        if (Math.abs(drag.dy) > DRAG_SLOP_PX && drag.to !== from) onMove(id, drag.to);
      },
      onPointerCancel() {
        setDrag(null);
      },
      onKeyDown(event: KeyboardEvent<HTMLElement>) {
        const at = ids.indexOf(id);
        if (event.key === 'ArrowUp' && at > 0) onMove(id, at - 1);
        else if (event.key === 'ArrowDown' && at >= 0 && at < ids.length - 1) onMove(id, at + 1);
        else return;
        event.preventDefault();
      },
    };
  }

  /** The style of a row while a drag is on: the dragged one follows the pointer, the others make room. */
  function rowStyle(id: string): CSSProperties | undefined {
    if (!drag) return undefined;
    const from = drag.rows.findIndex((row) => row.id === drag.id);
    if (id === drag.id) return { transform: `translateY(${drag.dy}px)`, zIndex: 2, position: 'relative' };
    const at = drag.rows.findIndex((row) => row.id === id);
    if (at < 0 || from < 0) return undefined;
    const among = at < from ? at : at - 1;
    const landing = among < drag.to ? among : among + 1;
    return { transform: `translateY(${(landing - at) * drag.step}px)`, transition: 'transform 140ms ease' };
  }

  return { listRef, draggingId: drag?.id ?? null, handleProps, rowStyle };
}
