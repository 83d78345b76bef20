import { useEffect, useMemo } from 'react';
import { ApiError } from '../api/ApiError';
import type { JournalDetail } from '#shared/api/types.js';
import { StatusIndicator } from '../collab/StatusIndicator';
import { usePeers, usePublishPresence, uniqueUsers } from '../collab/presence';
import { StoppedNotice } from '../collab/StoppedNotice';
import { useCollabRoom, useConnectionState, useRoomContentKnown } from '../collab/useCollabRoom';
import { useJournalSyncStatus } from '../collab/useSyncStatus';
import { useConnectionGuard } from '../session/useConnectionGuard';
import { useCurrentUser, useSession } from '../session/SessionContext';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { icons } from '../ui/icons';
import { PageState } from '../ui/PageState';
import { usePageTitle } from '../ui/usePageTitle';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { JoinedWelcome } from './JoinedWelcome';
import { MembersPanel } from './MembersPanel';
import { DraftsCard } from '../drafts/DraftsCard';
import { NotesCard } from '../rituals/NotesCard';
import { QuestionCard } from '../rituals/QuestionCard';
import { useRefreshRituals } from '../rituals/useRituals';
import { DateNightCard } from '../datenight/DateNightCard';
import { CheckinCard } from '../rituals/CheckinCard';
import { BucketCard } from '../bucket/BucketCard';
import { Timeline } from './Timeline';
import { OnThisDayCard } from '../memories/OnThisDayCard';
import { useEntries } from './useEntries';
import { useJournalDetail } from '../ui/useJournalDetail';
import { usePresenceUser } from '../session/usePresenceUser';
import { JournalSearchField } from '../search/JournalSearchField';

/** /journals/:id: the timeline, who is here, and the members panel. */
export function JournalPage({ journalId }: { journalId: string }) {
  const { state, reload } = useJournalDetail(journalId);
  const { refresh } = useSession();
  const unauthorized = state.status === 'error' && state.error instanceof ApiError && state.error.status === 401;

  useEffect(() => {
    // The cookie expired: let RequireSession send us to login.
    if (unauthorized) void refresh();
  }, [unauthorized, refresh]);

  usePageTitle(state.status === 'ready' ? state.data.journal.title : 'Journal');

  if (state.status === 'loading' || unauthorized) return <PageState title="Opening your journal…" loading />;
  if (state.status === 'error') return <JournalProblem error={state.error} retry={reload} />;
  return <JournalView detail={state.data} reloadDetail={reload} />;
}

function JournalView({ detail, reloadDetail }: { detail: JournalDetail; reloadDetail: () => void }) {
  const journalId = detail.journal.id;
  const user = useCurrentUser();
  const room = useCollabRoom(indexRoom(journalId));
  useRefreshRituals(journalId);
  const connection = useConnectionState(room);
  const contentKnown = useRoomContentKnown(room);
  const syncStatus = useJournalSyncStatus(journalId, connection);
  const presenceUser = usePresenceUser();
  usePublishPresence(room?.awareness ?? null, 'user', presenceUser);
  usePublishPresence(room?.awareness ?? null, 'entryId', null);
  useConnectionGuard([connection], journalId, detail.journal.title);

  const partnerMember = detail.members.find((m) => m.userId !== user.id);
  const partner = partnerMember ? { id: partnerMember.userId, name: partnerMember.name } : null;
  const peers = usePeers(room?.awareness ?? null, { includeSelf: false });
  const here = uniqueUsers(peers).filter((p) => p.id !== user.id);
  const entries = useEntries(room?.doc ?? null);
  const liveEntries = useMemo(() => entries.filter((e) => e.deletedAt === null), [entries]);

  // Someone in the room who is not in our members list has just joined:
  // reload, so the owner sees them without refreshing the page.
  const memberIds = useMemo(() => new Set(detail.members.map((m) => m.userId)), [detail.members]);
  const stranger = here.find((p) => !memberIds.has(p.id))?.id ?? null;
  useEffect(() => {
    if (stranger) reloadDetail();
  }, [stranger, reloadDetail]);

  return (
    <div className="journal">
      <header className="page-header page-header--journal">
        <div>
          <p className="eyebrow">
            <Link to="/">Your journals</Link>
          </p>
          <h1 className="page-title">{detail.journal.title}</h1>
          <HereNow names={here.map((p) => p.name)} />
          <p className="journal__links">
            <Link to={paths.memories(journalId)} className="button button--quiet button--small journal__memories">
              {icons.photo} Memories
            </Link>
          </p>
        </div>
        <JournalSearchField journalId={journalId} />
        <StatusIndicator connection={connection} sync={syncStatus} testId="journal-sync-status" />
      </header>
      <StoppedNotice states={[connection]} />
      <JoinedWelcome journalId={journalId} journalTitle={detail.journal.title} userName={user.name} partnerName={partner?.name ?? null} />
      <div className="journal__layout">
        <div className="journal__main">
          <QuestionCard journalId={journalId} userId={user.id} partner={partner} />
          <NotesCard journalId={journalId} userId={user.id} partnerName={partner?.name ?? null} />
          <OnThisDayCard journalId={journalId} entries={liveEntries} indexDoc={room?.doc ?? null} userId={user.id} partner={partner} />
          <DraftsCard journalId={journalId} userId={user.id} partnerName={partner?.name ?? null} />
          <DateNightCard journalId={journalId} userId={user.id} partner={partner} />
          <CheckinCard journalId={journalId} />
          <BucketCard journalId={journalId} />
          <Timeline
            room={room}
            synced={contentKnown}
            offline={connection.kind !== 'connected' && connection.kind !== 'connecting'}
            journalId={journalId}
            peers={peers}
            partner={partner}
          />
        </div>
        <MembersPanel detail={detail} reload={reloadDetail} onlineIds={new Set(here.map((p) => p.id))} />
      </div>
    </div>
  );
}

function HereNow({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p className="here-now">
      <span className="here-now__dot" aria-hidden="true" /> {names.join(' and ')} {names.length === 1 ? 'is' : 'are'} here now
    </p>
  );
}

function JournalProblem({ error, retry }: { error: unknown; retry: () => void }) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return (
      <PageState title={error.status === 403 ? "You're not in this journal" : "This journal doesn't exist"}>
        <p>{error.message}</p>
        <p>
          <Link to="/">Go to your journals</Link>
        </p>
      </PageState>
    );
  }
  return (
    <PageState title="We couldn't open this journal" action={{ label: 'Try again', run: retry }}>
      <p>{error instanceof Error ? error.message : 'Something went wrong.'}</p>
    </PageState>
  );
}
