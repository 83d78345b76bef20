import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useId, useState } from 'react';
import { draftRoom } from '#shared/documents/draft.js';
import { entryTitle } from '#shared/documents/entry.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { mineRoom, readDrafts, setDraftTitle } from '#shared/documents/mine.js';
import { StatusIndicator } from '../collab/StatusIndicator';
import { StoppedNotice } from '../collab/StoppedNotice';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { useCollabRoom, useConnectionState, useHasSynced, useRoomLoaded, useSyncPhase } from '../collab/useCollabRoom';
import { usePresenceUser } from '../session/usePresenceUser';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { EntryEditor } from '../editor/EntryEditor';
import { TitleInput } from '../editor/TitleInput';
import { useJournalDetail } from '../ui/useJournalDetail';
import { useDocVersion } from '../collab/useDocVersion';
import { navigate } from '../routing/history';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { syncStatusKind } from '../sync/syncStatusKind';
import { PageState } from '../ui/PageState';
import { usePageTitle } from '../ui/usePageTitle';
import { shareDraft } from './shareDraft';

/**
 * /journals/:id/drafts/:draftId: a quiet draft. Only its writer's devices
 * ever receive it (the relay refuses everyone else); "Share" makes it an
 * ordinary entry both of you write in.
 */
export function DraftPage({ journalId, draftId }: { journalId: string; draftId: string }) {
  usePageTitle('Private draft');
  const user = usePresenceUser();
  const { rooms } = useSyncEngine();
  const { state: detail } = useJournalDetail(journalId);
  const draft = useCollabRoom(draftRoom(journalId, user.id, draftId));
  const mine = useReadOnlyRoom(mineRoom(journalId, user.id));
  const index = useReadOnlyRoom(indexRoom(journalId));
  useDocVersion(mine?.doc ?? null);
  const connection = useConnectionState(draft);
  const loaded = useRoomLoaded(draft);
  const mineLoaded = useRoomLoaded(mine);
  const mineSynced = useHasSynced(mine);
  const phase = useSyncPhase(draft);
  const [editor, setEditor] = useState<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const editorId = useId();

  const record = mine ? readDrafts(mine.doc).find((d) => d.id === draftId) : undefined;
  const sharedAs = record?.sharedAs ?? null;

  // The list of drafts shows each title from the member's own records, without opening the draft.
  useEffect(() => {
    if (!draft || !loaded || !mine) return;
    const title = entryTitle(draft.doc);
    const mirror = () => setDraftTitle(mine.doc, draftId, title.toString().trim());
    mirror();
    title.observe(mirror);
    return () => title.unobserve(mirror);
  }, [draft, loaded, mine, draftId]);

  // Shared from another device: this device's copy may hold edits made offline since; carry them over.
  useEffect(() => {
    if (!sharedAs || !draft || !loaded || !index || !mine) return;
    shareDraft({ rooms, journalId, draftId, draft: draft.doc, index: index.doc, mine: mine.doc, author: { id: user.id, name: user.name }, sharedAs });
    navigate(paths.entry(journalId, sharedAs), { replace: true });
  }, [sharedAs, draft, loaded, index, mine, rooms, journalId, draftId, user.id, user.name]);

  if (!draft || !loaded || !mine || !(mineLoaded || mineSynced)) return <PageState title="Opening your draft…" loading />;
  const partner = detail.status === 'ready' ? (detail.data.members.find((m) => m.userId !== user.id) ?? null) : null;
  const partnerName = partner?.name ?? 'your partner';

  function share() {
    if (!draft || !index || !mine) return;
    const entryId = shareDraft({ rooms, journalId, draftId, draft: draft.doc, index: index.doc, mine: mine.doc, author: { id: user.id, name: user.name }, sharedAs: null });
    navigate(paths.entry(journalId, entryId), { replace: true });
  }

  const statuses = (
    <StatusIndicator connection={connection} sync={syncStatusKind(phase !== 'confirmed', connection)} testId="draft-sync-status" />
  );

  return (
    <article className="entry entry--draft" aria-labelledby="draft-heading">
      <div className="entry__bar">
        <Link to={paths.journal(journalId)} className="back-link">
          <span aria-hidden="true">← </span>
          {detail.status === 'ready' ? detail.data.journal.title : 'Journal'}
        </Link>
      </div>
      <StoppedNotice states={[connection]} />
      <div className="draft-banner">
        <p>
          <strong>Private draft.</strong> Only you can see this, on your own devices. {partnerName} sees nothing of it, not even that it exists, until you share it.
        </p>
        <button type="button" className="button button--small" onClick={share} disabled={!index}>
          Share with {partnerName}
        </button>
      </div>
      <header className="entry__header">
        <h1 id="draft-heading" className="visually-hidden">
          Private draft
        </h1>
        <TitleInput ytext={entryTitle(draft.doc)} onEnter={() => editor?.commands.focus()} autoFocus />
      </header>
      <div className="entry__body">
        <EntryEditor room={draft} user={user} editorId={editorId} onEditor={onEditor} toolbarEnd={statuses} label="Draft text" />
      </div>
    </article>
  );
}
