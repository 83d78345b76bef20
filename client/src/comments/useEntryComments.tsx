import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { CommentCommand } from '#shared/model/comments.js';
import { commentsRoom } from '#shared/documents/comments.js';
import { icons } from '../ui/icons';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { useRoomKnown } from '../collab/useCollabRoom';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { useMediaQuery } from '../ui/useMediaQuery';
import { removeCommentMark, useAnchors } from './commentAnchors';
import { CommentsPanel } from './CommentsPanel';
import type { CommentTarget } from './createThread';
import { HighlightStyle } from './HighlightStyle';
import { deviceMark, markRead, unreadIn, useServerReadMark } from './readMarks';
import { listThreads } from './threadList';
import { useReachedVersions } from './anchorVersion';
import { useThreads } from './useThreads';

export const WIDE_QUERY = '(min-width: 900px)';

export interface EntryComments {
  /** For the editor: where new threads go; null while there are no comments to have (`entryId` null). */
  target: CommentTarget | null;
  /** The panel (or, on a phone, the button that opens it) and the highlight styles. */
  panel: ReactNode;
  wide: boolean;
}

/**
 * Everything about comments on the entry page: the read-only comments room,
 * where each thread's phrase is, which thread is active, what is unread, and
 * the panel. The editor may be null while the entry loads.
 *
 * Also used for a day's answers (`entryId` is then the answer's comments key,
 * and null until the answers are revealed: nothing is opened). `inline` puts
 * the threads under the text, always shown, and nothing at all while there
 * are none, instead of a panel beside it or a sheet on a phone: a page with
 * two texts has no side to spare.
 */
export function useEntryComments({
  journalId,
  entryId,
  editor,
  userId,
  inline = false,
}: {
  journalId: string;
  entryId: string | null;
  editor: Editor | null;
  userId: string;
  inline?: boolean;
}): EntryComments {
  const room = useReadOnlyRoom(entryId === null ? null : commentsRoom(journalId, entryId));
  const threads = useThreads(room?.doc ?? null);
  const anchors = useAnchors(editor);
  const { commentOutbox } = useSyncEngine();
  const outboxVersion = useSyncExternalStore(commentOutbox.subscribe, commentOutbox.getVersion);
  // outboxVersion changes whenever any queue does; it is what makes this re-read.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const queued = useMemo(() => (entryId === null ? [] : commentOutbox.pending(journalId, entryId)), [commentOutbox, journalId, entryId, outboxVersion]);
  const awaited = useMemo(() => [...threads.values()].flatMap((t) => (t.anchorVersion ? [t.anchorVersion] : [])), [threads]);
  const reached = useReachedVersions(editor, awaited);
  const { open, resolved } = useMemo(
    () => listThreads({ threads, anchors, queued, anchorsKnown: editor !== null, reached }),
    [threads, anchors, queued, editor, reached],
  );

  const wide = useMediaQuery(WIDE_QUERY);
  const [sheetOpen, setSheetOpen] = useState(false);
  const visible = wide || sheetOpen || inline;
  const [activeId, setActiveId] = useState<string | null>(null);
  const [reveal, setReveal] = useState(0);
  // Whether revealing the active thread should also move focus into it (keyboard), not only scroll.
  const [focusOnReveal, setFocusOnReveal] = useState(false);

  // Unread: what counts as new is fixed when the panel comes into view (and
  // the room has what the server knows, or offline what this device kept of
  // it), so "New" stays on screen while you read; the stored mark moves on at once.
  const serverSeen = useServerReadMark(room?.doc ?? null, userId);
  const ready = useRoomKnown(room);
  const [deviceSeen, setDeviceSeen] = useState(() => (entryId === null ? 0 : deviceMark(userId, entryId)));
  const storedMark = Math.max(serverSeen, deviceSeen);
  const storedMarkNow = useRef(storedMark);
  storedMarkNow.current = storedMark;
  const [seenAt, setSeenAt] = useState<number | null>(null);
  useEffect(() => {
    if (visible && ready) setSeenAt(storedMarkNow.current);
  }, [visible, ready, userId, entryId]);
  useEffect(() => {
    if (!visible || !ready || threads.size === 0 || entryId === null) return;
    markRead(commentOutbox, userId, journalId, entryId, threads.values(), serverSeen);
    setDeviceSeen(deviceMark(userId, entryId));
  }, [commentOutbox, visible, ready, threads, userId, journalId, entryId, serverSeen]);
  const unread = [...threads.values()].filter((t) => !t.resolved).reduce((n, t) => n + unreadIn(t, userId, storedMark), 0);

  // A thread the server refused to create will never arrive: take its mark away.
  useEffect(
    () =>
      commentOutbox.onRefused((item) => {
        if (item.entryId === entryId && item.command.type === 'createThread' && editor && !editor.isDestroyed) removeCommentMark(editor, item.command.threadId);
      }),
    [commentOutbox, editor, entryId],
  );

  const activate = useCallback((threadId: string) => setActiveId(threadId), []);

  // A click on a highlighted phrase opens its thread (the innermost one where comments overlap).
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const span = event.target instanceof Element ? event.target.closest('.comment-anchor[data-thread-id]') : null;
      const id = span?.getAttribute('data-thread-id');
      if (!id || threads.get(id)?.resolved) return;
      setActiveId(id);
      setSheetOpen(true);
      setFocusOnReveal(false);
      setReveal((n) => n + 1);
    };
    dom.addEventListener('click', onClick);
    return () => dom.removeEventListener('click', onClick);
  }, [editor, threads]);

  useEffect(() => {
    if (reveal === 0 || !activeId) return;
    const card = document.querySelector<HTMLElement>(`.comments-panel article[data-thread-id="${CSS.escape(activeId)}"]`);
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    // A click in the text keeps the caret there; the keyboard shortcut moves into the thread.
    if (focusOnReveal) card?.focus({ preventScroll: true });
  }, [reveal, activeId, focusOnReveal]);

  const showInText = useCallback(
    (threadId: string) => {
      const anchor = anchors.find((a) => a.threadId === threadId);
      if (!editor || !anchor) return;
      setActiveId(threadId);
      if (!wide) setSheetOpen(false);
      editor.chain().focus().setTextSelection({ from: anchor.from, to: anchor.to }).scrollIntoView().run();
    },
    [anchors, editor, wide],
  );

  const send = useCallback(
    (command: CommentCommand) => {
      if (entryId !== null) commentOutbox.enqueue(journalId, entryId, command);
    },
    [commentOutbox, journalId, entryId],
  );

  const target = useMemo<CommentTarget | null>(
    () =>
      entryId === null
        ? null
        : {
            journalId,
            entryId,
            send,
            onCreated: (threadId) => {
              setActiveId(threadId);
              setFocusOnReveal(false);
              setReveal((n) => n + 1);
            },
            onOpenThread: (threadId) => {
              setActiveId(threadId);
              setSheetOpen(true);
              setFocusOnReveal(true);
              setReveal((n) => n + 1);
            },
          },
    [journalId, entryId, send],
  );

  const count = open.length;
  // Inline (a day's answers): always shown, and nothing while there are no threads.
  const showPanel = inline ? open.length + resolved.length > 0 : visible;
  const panel =
    entryId === null ? null : (
      <>
        <HighlightStyle hidden={resolved.map((t) => t.id)} active={activeId} />
        {showPanel ? (
          <CommentsPanel
            open={open}
            resolved={resolved}
            userId={userId}
            seenAt={seenAt}
            activeId={activeId}
            queued={queued}
            send={send}
            onActivate={activate}
            onShowInText={showInText}
            onClose={wide || inline ? null : () => setSheetOpen(false)}
            inline={inline}
          />
        ) : inline ? null : (
          <button type="button" className="comments-toggle" aria-label={`Comments (${count}${unread > 0 ? `, ${unread} new` : ''})`} onClick={() => setSheetOpen(true)}>
            <span aria-hidden="true" className="comment-count">
              {icons.comment}
              {count}
            </span>
            {unread > 0 && <span className="unread-dot" aria-hidden="true" />}
          </button>
        )}
      </>
    );
  return { target, panel, wide };
}
