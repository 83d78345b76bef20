import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { StatusIndicator } from '../collab/StatusIndicator';
import { usePublishPresence } from '../collab/presence';
import { StoppedNotice } from '../collab/StoppedNotice';
import { useCollabRoom, useConnectionState, useHasSynced, useRoomLoaded } from '../collab/useCollabRoom';
import { useEntrySyncStatus } from '../collab/useSyncStatus';
import { useConnectionGuard } from '../session/useConnectionGuard';
import { usePresenceUser } from '../session/usePresenceUser';
import { useEntryComments } from '../comments/useEntryComments';
import { EntryEditor } from '../editor/EntryEditor';
import { TitleInput } from '../editor/TitleInput';
import { setEntryDeleted } from '#shared/documents/journalIndex.js';
import { entryDisplayTitle } from '../journal/entryDisplayTitle';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { useSession } from '../session/SessionContext';
import { focusUnclaimed } from '../ui/focusUnclaimed';
import { EntryDate } from './EntryDate';
import { WhoWroteWhat } from './WhoWroteWhat';
import { PageState } from '../ui/PageState';
import { stopTypeAhead, takeTypeAhead, typeAheadRunning } from '../ui/typeAhead';
import { usePageTitle } from '../ui/usePageTitle';
import { entryBody, entryRoom, entryTitle } from '#shared/documents/entry.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { DroppedTextNotice } from './DroppedTextNotice';
import { isFresh as isFreshEntry } from '../journal/freshEntries';
import { PresenceBar } from './PresenceBar';
import { useEntrySummary } from './useEntrySummary';
import { useDroppedText } from './useDroppedText';
import { useIndexMirror } from './useIndexMirror';

/**
 * /journals/:id/entries/:entryId. Holds two rooms: the entry's own document
 * (title and body) and the journal index (to mirror the title and preview,
 * and to tell the timeline we are here). The title and editor appear once
 * the entry's local copy is loaded, so they start from what this device has
 * (offline too) and the relay's sync only adds what is new.
 */
export function EntryPage({ journalId, entryId }: { journalId: string; entryId: string }) {
  const { session } = useSession();
  const user = usePresenceUser();
  const journalTitle = session.status === 'authenticated' ? (session.journals.find((j) => j.id === journalId)?.title ?? null) : null;

  const index = useCollabRoom(indexRoom(journalId));
  const entry = useCollabRoom(entryRoom(journalId, entryId));
  const indexState = useConnectionState(index);
  const entryState = useConnectionState(entry);
  const indexSynced = useHasSynced(index);
  const entryLoaded = useRoomLoaded(entry);
  const summary = useEntrySummary(index?.doc ?? null, entryId);
  const syncStatus = useEntrySyncStatus(entry, index, entryState);
  const dropped = useDroppedText(entry);

  usePublishPresence(index?.awareness ?? null, 'user', user);
  usePublishPresence(index?.awareness ?? null, 'entryId', entryId, null);
  useConnectionGuard([entryState, indexState], journalId, journalTitle);
  useIndexMirror(entry, index?.doc ?? null, entryId, { id: user.id, name: user.name });

  // Decided once per mount, so the title is not re-focused later.
  const [isFresh] = useState(() => isFreshEntry(entryId));
  // Keys typed since "New entry" wait for the title and the editor, so none is lost and none lands out of order.
  const [waitingKeys] = useState(() => isFreshEntry(entryId) && typeAheadRunning());
  const [editor, setEditor] = useState<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const editorId = useId();
  const comments = useEntryComments({ journalId, entryId, editor, userId: user.id });
  const indexDoc = index?.doc ?? null;
  const photoTarget = useMemo(() => ({ journalId, entryId, indexDoc }), [journalId, entryId, indexDoc]);

  usePageTitle(summary ? entryDisplayTitle(summary.title) : 'Entry');
  const back = paths.journal(journalId);
  const ready = entry !== null && entryLoaded;
  // Left before it was ready: no more keys are kept. (Checked by address, since StrictMode also unmounts once in development.)
  useEffect(() => {
    if (!waitingKeys) return;
    const here = window.location.pathname;
    return () => {
      if (window.location.pathname !== here) stopTypeAhead();
    };
  }, [waitingKeys]);
  useEffect(() => {
    if (!waitingKeys || !ready || !editor) return;
    placeTypeAhead(takeTypeAhead(), entryTitle(entry!.doc), editor);
  }, [waitingKeys, ready, editor, entry]);

  const entrySynced = useHasSynced(entry);
  // Offline, outside what background sync kept: the index knows there is text, this device does not.
  // (An entry this device has just started, a memory or a shared draft, holds its text already.)
  const textElsewhere =
    ready &&
    !entrySynced &&
    !entry.local.hadState &&
    entryTitle(entry.doc).length === 0 &&
    entryBody(entry.doc).length === 0 &&
    entryState.kind !== 'connected' &&
    entryState.kind !== 'connecting' &&
    summary !== null &&
    (summary.title !== '' || summary.preview !== '');
  const statuses = (
    <StatusIndicator connection={entryState} sync={syncStatus} testId="sync-status" />
  );

  if (indexSynced && summary === null) {
    return (
      <PageState title="This entry isn't in the journal">
        <p>It may have been created on a device that has not synced yet, or the link is wrong.</p>
        <p>
          <Link to={back}>Back to {journalTitle ?? 'the journal'}</Link>
        </p>
      </PageState>
    );
  }

  return (
    <article className={comments.wide ? 'entry entry--with-comments' : 'entry'} aria-labelledby="entry-heading">
      <div className="entry__bar">
        <Link to={back} className="back-link">
          <span aria-hidden="true">← </span>
          {journalTitle ?? 'Journal'}
        </Link>
        {!ready && statuses}
      </div>
      <StoppedNotice states={[entryState, indexState]} />
      <DroppedTextNotice blocks={dropped.blocks} editor={editor} onDone={dropped.clear} />
      {textElsewhere && (
        <div className="notice notice--warning">
          <p>This entry’s text isn’t saved on this device yet, so it shows once you’re back online. Anything you write now is kept and joins it then.</p>
        </div>
      )}

      {summary?.deletedAt != null && index && (
        <div className="notice notice--warning" role="alert">
          <p>This entry was deleted. It no longer shows in the journal.</p>
          <button type="button" className="button button--small" onClick={() => setEntryDeleted(index.doc, entryId, false)}>
            Restore entry
          </button>
        </div>
      )}

      <header className="entry__header">
        {/* The visible heading is the editable title; this one names the page for assistive tech. */}
        <h1 id="entry-heading" className="visually-hidden">
          {summary ? entryDisplayTitle(summary.title) : 'Entry'}
        </h1>
        {summary ? <EntryDate index={index?.doc ?? null} entryId={entryId} day={summary.date} /> : <p className="entry__date">{'\u00a0'}</p>}
        {ready ? (
          <TitleInput ytext={entryTitle(entry.doc)} autoFocus={isFresh && !waitingKeys} onEnter={() => focusTextStart(editor)} />
        ) : (
          <div className="entry__title entry__title--placeholder" />
        )}
        <PresenceBar awareness={entry?.awareness ?? null} selfId={user.id} />
        <WhoWroteWhat editor={editor} room={entry} journalId={journalId} entryId={entryId} user={{ id: user.id, name: user.name }} authors={summary?.authors ?? []} />
      </header>

      <div className="entry__body">
        {ready ? (
          <EntryEditor
            room={entry}
            user={user}
            editorId={editorId}
            onEditor={onEditor}
            toolbarEnd={statuses}
            commentTarget={comments.target}
            photoTarget={photoTarget}
          />
        ) : (
          <p className="entry__loading" aria-busy="true">
            Opening entry…
          </p>
        )}
        {comments.panel}
      </div>
    </article>
  );
}

/**
 * Moves the caret to the start of the text at once. TipTap's focus command
 * waits for the next animation frame, and keys typed before it would land in
 * the title (or nowhere).
 */
function focusTextStart(editor: Editor | null): void {
  if (!editor) return;
  editor.view.focus();
  editor.commands.setTextSelection(1);
}

/**
 * Puts the keys typed before the page was ready where they were meant to go:
 * up to the first Enter into the title, the rest into the text, then leaves
 * the caret after the last of them.
 */
function placeTypeAhead(typed: string, title: Y.Text, editor: Editor): void {
  // Nothing typed: the title takes the caret as for any new entry, unless the person already put it somewhere.
  if (typed === '' && !focusUnclaimed()) return;
  const [head, ...rest] = typed.split('\n');
  if (head) title.insert(title.length, head);
  if (rest.length === 0) {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Entry title"]');
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
    return;
  }
  const paragraphs = rest.map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] }));
  editor.chain().focus('start').insertContent(paragraphs).focus('end').run();
}
