import { NodeViewWrapper, useEditorState, type ReactNodeViewProps } from '@tiptap/react';
import { useState, type KeyboardEvent } from 'react';
import { icons } from '../ui/icons';
import { useEntryPhotos } from './EntryPhotos';
import { movePhoto, photoPlace } from './movePhoto';
import { usePhotoQueue, usePhotoUpload } from './PhotoQueueContext';
import { photoUrl } from './photoPaths';
import { usePhotoRecord } from './photoRecords';
import type { PhotoUploadState } from './PhotoUploadQueue';
import { useBlobUrl } from './useBlobUrl';

/** Captions are a few words; longer text belongs in the entry. */
const CAPTION_MAX = 300;

/**
 * A photo in an entry's text: the picture (from this device while it
 * uploads, then the server's display size), where its upload stands, a
 * caption under it, and, where the entry can be changed, remove and move
 * (a drag handle, and buttons for the keyboard).
 */
export function PhotoNodeView({ node, editor, getPos, updateAttributes, deleteNode }: ReactNodeViewProps) {
  const photoId = typeof node.attrs.id === 'string' ? node.attrs.id : '';
  const caption = typeof node.attrs.caption === 'string' ? node.attrs.caption : '';
  const entry = useEntryPhotos();
  const journalId = entry?.journalId ?? '';
  const queue = usePhotoQueue();
  const upload = usePhotoUpload(journalId, photoId);
  const record = usePhotoRecord(entry?.indexDoc ?? null, photoId);
  const place = useEditorState({ editor, selector: ({ editor: e }) => ({ ...photoPlace(e, getPos()), editable: e.isEditable }) });
  const editable = place.editable && entry !== null;
  // The caption being typed here: the node's attribute follows every key, but the input keeps its own caret.
  const [draft, setDraft] = useState<string | null>(null);
  const alt = caption || 'Photo without a caption';
  const hasPicture = record !== null || upload !== undefined;

  function move(direction: -1 | 1) {
    const pos = getPos();
    if (pos === undefined || !movePhoto(editor, pos, direction)) return;
    // The moved photo is drawn anew: give the keyboard back its button there.
    requestAnimationFrame(() => {
      const figure = editor.view.dom.querySelector(`[data-photo-id="${CSS.escape(photoId)}"]`);
      const wanted = figure?.querySelector<HTMLButtonElement>(`[data-move="${direction === -1 ? 'up' : 'down'}"]:not(:disabled)`);
      (wanted ?? figure?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)'))?.focus();
    });
  }

  function remove() {
    // A refused photo can never upload: it leaves the device too. One still waiting keeps going, so undo brings it back whole.
    if (upload?.phase === 'refused') void queue.discard(journalId, photoId);
    deleteNode();
    editor.commands.focus();
  }

  function onCaptionKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    // Enter ends the caption and goes on writing after the photo.
    const pos = getPos();
    if (pos !== undefined) editor.chain().focus().setTextSelection(Math.min(pos + node.nodeSize + 1, editor.state.doc.content.size)).run();
  }

  return (
    <NodeViewWrapper as="figure" className="photo-block" data-photo-id={photoId} data-upload={upload?.phase ?? (record ? 'stored' : 'elsewhere')}>
      {/* Shrinks to the picture, so the tools sit on its corner whatever its shape. */}
      <div className={hasPicture ? 'photo-block__frame' : 'photo-block__frame photo-block__frame--wide'}>
        {editable && (
          <div className="photo-block__tools" contentEditable={false}>
            <span className="photo-block__grip" data-drag-handle="" draggable="true" title="Drag to move the photo" aria-hidden="true">
              {icons.grip}
            </span>
            <button type="button" className="photo-block__tool" data-move="up" aria-label="Move photo up" title="Move up" disabled={place.first} onClick={() => move(-1)}>
              {icons.arrowUp}
            </button>
            <button type="button" className="photo-block__tool" data-move="down" aria-label="Move photo down" title="Move down" disabled={place.last} onClick={() => move(1)}>
              {icons.arrowDown}
            </button>
            <button type="button" className="photo-block__tool photo-block__remove" aria-label="Remove photo" title="Remove photo" onClick={remove}>
              {icons.trash}
            </button>
          </div>
        )}
        <PhotoPicture
          journalId={journalId}
          photoId={photoId}
          upload={upload}
          served={record ? photoUrl(journalId, photoId, 'display') : null}
          ratio={record && record.width > 0 && record.height > 0 ? `${record.width} / ${record.height}` : null}
          alt={alt}
          onOpen={entry ? (opener) => entry.openViewer(editor, photoId, opener) : null}
        />
      </div>
      <UploadStatus upload={upload} onRemove={remove} onRetry={() => queue.retry(journalId, photoId)} />
      {editable ? (
        <input
          className="photo-block__caption"
          type="text"
          aria-label="Photo caption"
          placeholder="Add a caption…"
          maxLength={CAPTION_MAX}
          value={draft ?? caption}
          onFocus={() => setDraft(caption)}
          onBlur={() => setDraft(null)}
          onChange={(event) => {
            setDraft(event.target.value);
            updateAttributes({ caption: event.target.value });
          }}
          onKeyDown={onCaptionKey}
        />
      ) : (
        caption && <figcaption className="photo-block__caption photo-block__caption--text">{caption}</figcaption>
      )}
    </NodeViewWrapper>
  );
}

/**
 * The picture: this device's copy while it is sent (and until the server's
 * record arrives), then the served display size; on a partner's device a
 * soft placeholder until the record says it is stored.
 */
function PhotoPicture({
  journalId,
  photoId,
  upload,
  served,
  ratio,
  alt,
  onOpen,
}: {
  journalId: string;
  photoId: string;
  upload: PhotoUploadState | undefined;
  served: string | null;
  ratio: string | null;
  alt: string;
  onOpen: ((opener: HTMLElement) => void) | null;
}) {
  const local = useBlobUrl(upload?.blob);
  const [failed, setFailed] = useState<string | null>(null);
  const src = served ?? local;
  if (!src) {
    return (
      <div className="photo-block__placeholder" role="img" aria-label={journalId ? 'A photo on its way' : alt}>
        <span>{journalId ? 'A photo is on its way…' : 'Photo'}</span>
      </div>
    );
  }
  if (failed === src) {
    return (
      <div className="photo-block__placeholder" role="img" aria-label={alt} style={ratio ? { aspectRatio: ratio } : undefined}>
        <span>{served ? 'This photo shows when you’re back online.' : 'This device can’t show this photo, but it will still be sent.'}</span>
      </div>
    );
  }
  const img = <img className="photo-block__img" src={src} alt={alt} draggable={false} style={ratio ? { aspectRatio: ratio } : undefined} onError={() => setFailed(src)} data-photo-src={served ? 'server' : 'device'} key={photoId} />;
  if (!onOpen) return img;
  return (
    <button type="button" className="photo-block__open" onClick={(event) => onOpen(event.currentTarget)} aria-label={`Open photo full screen: ${alt}`}>
      {img}
    </button>
  );
}

function UploadStatus({ upload, onRemove, onRetry }: { upload: PhotoUploadState | undefined; onRemove: () => void; onRetry: () => void }) {
  if (!upload) return null;
  switch (upload.phase) {
    case 'waiting':
      return (
        <p className="photo-block__status" data-testid="photo-status">
          Waiting to upload — saved on this device
        </p>
      );
    case 'uploading': {
      const percent = upload.total > 0 ? Math.round((upload.sent / upload.total) * 100) : 0;
      return (
        <p className="photo-block__status" data-testid="photo-status">
          <progress className="photo-block__progress" value={upload.sent} max={upload.total || 1} aria-label="Upload progress" /> Uploading… {percent}%
        </p>
      );
    }
    case 'refused':
      return (
        <div className="photo-block__status photo-block__status--refused" role="alert" data-testid="photo-status">
          <p>{upload.refusal.message}</p>
          <p className="photo-block__actions" contentEditable={false}>
            <button type="button" className="button button--small" onClick={onRemove}>
              Remove from entry
            </button>
            {upload.refusal.status === 507 && (
              <button type="button" className="button button--small button--quiet" onClick={onRetry}>
                Try again
              </button>
            )}
          </p>
        </div>
      );
    case 'stored':
      return null;
  }
}
