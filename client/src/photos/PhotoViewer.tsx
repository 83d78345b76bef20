import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useMediaQuery } from '../ui/useMediaQuery';
import { usePhotoUpload } from './PhotoQueueContext';
import { photoUrl } from './photoPaths';
import { usePhotoRecord } from './photoRecords';
import { useBlobUrl } from './useBlobUrl';
import type * as Y from 'yjs';

export interface ViewedPhoto {
  id: string;
  caption: string;
}

/** A horizontal swipe at least this long (CSS pixels) moves to the next or previous photo. */
const SWIPE_PX = 50;

/**
 * An entry's photos full screen, one at a time: swipe or the arrow keys move
 * through them, Escape or "Close" ends it and focus goes back to the photo
 * that opened it (the native modal <dialog> keeps focus inside meanwhile).
 * Large screens get the `full` size, others `display`.
 */
export function PhotoViewer({
  journalId,
  indexDoc,
  photos,
  startIndex,
  opener,
  onClose,
}: {
  journalId: string;
  indexDoc: Y.Doc | null;
  photos: ViewedPhoto[];
  startIndex: number;
  /** Where focus goes back to (the photo that opened the view: inside the editor, a click does not always focus it). */
  opener: HTMLElement | null;
  onClose: () => void;
}) {
  const [index, setIndex] = useState(startIndex);
  const ref = useRef<HTMLDialogElement>(null);
  const swipe = useRef<{ x: number; y: number; id: number } | null>(null);
  const photo = photos[index];
  const count = photos.length;
  const go = (step: number) => setIndex((i) => Math.min(count - 1, Math.max(0, i + step)));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = opener ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, [opener]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowRight') go(1);
    else if (event.key === 'ArrowLeft') go(-1);
    else return;
    event.preventDefault();
  }

  function onPointerDown(event: PointerEvent) {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    swipe.current = { x: event.clientX, y: event.clientY, id: event.pointerId };
  }
  function onPointerUp(event: PointerEvent) {
    const start = swipe.current;
    swipe.current = null;
    if (!start || start.id !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    // Mostly sideways, and far enough to be meant.
    if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < Math.abs(dy) * 1.5) return;
    go(dx < 0 ? 1 : -1);
  }

  return (
    <dialog
      ref={ref}
      className="photo-viewer"
      aria-label={count > 1 ? `Photo ${index + 1} of ${count}` : 'Photo'}
      onCancel={(event) => {
        // Escape: close through React, so the page state and the focus follow.
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="photo-viewer__bar">
        <p className="photo-viewer__count" aria-live="polite">
          {count > 1 ? `${index + 1} of ${count}` : ''}
        </p>
        <button type="button" className="photo-viewer__close" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <div
        className="photo-viewer__stage"
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (swipe.current = null)}
      >
        {photo && <ViewerImage key={photo.id} journalId={journalId} indexDoc={indexDoc} photo={photo} />}
      </div>
      {photo?.caption && <p className="photo-viewer__caption">{photo.caption}</p>}
      {count > 1 && (
        <div className="photo-viewer__nav">
          <button type="button" className="photo-viewer__step" onClick={() => go(-1)} disabled={index === 0} aria-label="Previous photo">
            ‹
          </button>
          <button type="button" className="photo-viewer__step" onClick={() => go(1)} disabled={index === count - 1} aria-label="Next photo">
            ›
          </button>
        </div>
      )}
    </dialog>
  );
}

function ViewerImage({ journalId, indexDoc, photo }: { journalId: string; indexDoc: Y.Doc | null; photo: ViewedPhoto }) {
  const upload = usePhotoUpload(journalId, photo.id);
  const record = usePhotoRecord(indexDoc, photo.id);
  const local = useBlobUrl(upload?.blob);
  // Enough screen for more than the display size's 1600 pixels.
  const large = useMediaQuery('(min-width: 1000px) and (min-height: 700px)');
  const src = record ? photoUrl(journalId, photo.id, large ? 'full' : 'display') : local;
  if (!src) return <div className="photo-viewer__waiting">This photo is on its way.</div>;
  return <img className="photo-viewer__img" src={src} alt={photo.caption || 'Photo without a caption'} draggable={false} />;
}
