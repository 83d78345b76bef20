import type { Editor } from '@tiptap/core';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { PHOTO_NODE } from '#shared/schema/photoNode.js';
import { PhotoViewer, type ViewedPhoto } from './PhotoViewer';

/** What a photo in an entry's text needs to know about where it is. */
export interface EntryPhotosValue {
  journalId: string;
  /** The entry the editor shows; photos added here are uploaded with it. */
  entryId: string;
  /** The journal index, whose `photos` map says when a photo is stored. */
  indexDoc: Y.Doc | null;
  /** Opens the full-screen view on `photoId`, moving through the entry's photos; focus goes back to `opener` when it closes. */
  openViewer(editor: Editor, photoId: string, opener: HTMLElement | null): void;
}

const EntryPhotosContext = createContext<EntryPhotosValue | null>(null);

/** Null outside an entry (a draft, an answer): photos there show, but nothing is uploaded from them. */
export function useEntryPhotos(): EntryPhotosValue | null {
  return useContext(EntryPhotosContext);
}

/** The photos of one entry's editor, and its full-screen view. */
export function EntryPhotosProvider({
  journalId,
  entryId,
  indexDoc,
  children,
}: {
  journalId: string;
  entryId: string;
  indexDoc: Y.Doc | null;
  children: ReactNode;
}) {
  const [viewing, setViewing] = useState<{ photos: ViewedPhoto[]; index: number; opener: HTMLElement | null } | null>(null);
  const openViewer = useCallback((editor: Editor, photoId: string, opener: HTMLElement | null) => {
    const photos = photosOf(editor);
    const index = photos.findIndex((photo) => photo.id === photoId);
    if (index < 0) return;
    setViewing({ photos, index, opener });
  }, []);
  const close = useCallback(() => setViewing(null), []);
  const value = useMemo(() => ({ journalId, entryId, indexDoc, openViewer }), [journalId, entryId, indexDoc, openViewer]);
  return (
    <EntryPhotosContext.Provider value={value}>
      {children}
      {viewing && <PhotoViewer journalId={journalId} indexDoc={indexDoc} photos={viewing.photos} startIndex={viewing.index} opener={viewing.opener} onClose={close} />}
    </EntryPhotosContext.Provider>
  );
}

/** The entry's photos in the order they appear in its text. */
function photosOf(editor: Editor): ViewedPhoto[] {
  const photos: ViewedPhoto[] = [];
  const seen = new Set<string>();
  editor.state.doc.descendants((node) => {
    if (node.type.name === PHOTO_NODE && typeof node.attrs.id === 'string' && !seen.has(node.attrs.id)) {
      seen.add(node.attrs.id);
      photos.push({ id: node.attrs.id, caption: typeof node.attrs.caption === 'string' ? node.attrs.caption : '' });
    }
    return !node.isAtom;
  });
  return photos;
}
