import type { Editor } from '@tiptap/core';
import { useCallback, useId, useState } from 'react';
import { answerCommentsKey, answerRoom } from '#shared/documents/answer.js';
import { readDayStatus, revealedDays } from '#shared/documents/rituals.js';
import { QUESTION_CATEGORIES } from '#shared/rituals/questionLibrary.js';
import { StatusIndicator } from '../collab/StatusIndicator';
import { StoppedNotice } from '../collab/StoppedNotice';
import { useCollabRoom, useConnectionState, useHasSynced, useRoomLoaded, useSyncPhase } from '../collab/useCollabRoom';
import { usePresenceUser } from '../session/usePresenceUser';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { EntryEditor } from '../editor/EntryEditor';
import { formatDay } from '../ui/formatDate';
import { useJournalDetail } from '../ui/useJournalDetail';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { syncStatusKind } from '../sync/syncStatusKind';
import { PageState } from '../ui/PageState';
import { usePageTitle } from '../ui/usePageTitle';
import { hasWords } from '#shared/documents/plainText.js';
import { useEntryComments } from '../comments/useEntryComments';
import { PartnerAnswer } from './PartnerAnswer';
import { entryBody } from '#shared/documents/entry.js';
import { questionFor } from './dayQuestion';
import { useRefreshRituals, useRituals } from './useRituals';
import { useShareAnswer } from './useShareAnswer';

/**
 * /journals/:id/days/:day: one day's question. You write your answer (kept
 * on this device and synced like an entry); your partner's stays sealed, on
 * the server, until you have both shared, and then both answers stand side
 * by side on both screens.
 */
export function DayPage({ journalId, day }: { journalId: string; day: string }) {
  const user = usePresenceUser();
  const { state: detail } = useJournalDetail(journalId);
  const rituals = useRituals(journalId);
  useRefreshRituals(journalId);
  const mine = useCollabRoom(answerRoom(journalId, user.id, day));
  const connection = useConnectionState(mine);
  const loaded = useRoomLoaded(mine);
  const phase = useSyncPhase(mine);
  const [editor, setEditor] = useState<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const editorId = useId();

  const partner = detail.status === 'ready' ? (detail.data.members.find((m) => m.userId !== user.id) ?? null) : null;
  const partnerName = partner?.name ?? 'your partner';
  const status = rituals.doc ? readDayStatus(rituals.doc, day) : null;
  const question = rituals.doc ? questionFor(rituals.doc, journalId, day, revealedDays(rituals.doc).length) : null;
  const myQuestionId = status?.questionOf[user.id] ?? question?.id ?? '';
  const shared = status !== null && user.id in status.answeredBy;
  const partnerAnswered = partner !== null && status !== null && partner.userId in status.answeredBy;
  const revealed = status?.revealedAt != null;
  // Opened only once the server has released it: before, the relay would refuse us anyway.
  const theirs = useReadOnlyRoom(revealed && partner ? answerRoom(journalId, partner.userId, day) : null);
  const theirsSynced = useHasSynced(theirs);
  const { share, state: shareState } = useShareAnswer(journalId, day, mine, myQuestionId, shared);
  const [empty, setEmpty] = useState(false);
  // Once revealed, the partner may comment on phrases of my answer: their threads show under it.
  const myComments = useEntryComments({ journalId, entryId: revealed ? answerCommentsKey(user.id, day) : null, editor, userId: user.id, inline: true });

  usePageTitle(question ? 'Question of the day' : 'Question');
  const journalTitle = detail.status === 'ready' ? detail.data.journal.title : 'Journal';

  if (!rituals.known || !question) return <PageState title="Opening today’s question…" loading />;
  const category = QUESTION_CATEGORIES[question.category];

  function onShare() {
    if (!mine) return;
    if (!hasWords(entryBody(mine.doc))) {
      setEmpty(true);
      editor?.commands.focus();
      return;
    }
    setEmpty(false);
    share();
  }

  const statuses = (
    <StatusIndicator connection={connection} sync={syncStatusKind(phase !== 'confirmed', connection)} testId="answer-sync-status" />
  );

  return (
    <article className={revealed ? 'day day--revealed' : 'day'} aria-labelledby="day-question">
      <div className="entry__bar">
        <Link to={paths.journal(journalId)} className="back-link">
          <span aria-hidden="true">← </span>
          {journalTitle}
        </Link>
      </div>
      <StoppedNotice states={[connection]} />
      <header className="day__header">
        <p className="eyebrow">
          <time dateTime={day}>{formatDay(day)}</time> · {category.title}
        </p>
        <h1 id="day-question" className="day__question">
          {question.text}
        </h1>
        <DayStatusLine shared={shared} waiting={shareState.kind === 'waiting'} partnerAnswered={partnerAnswered} revealed={revealed} partnerName={partnerName} />
      </header>

      <div className="day__answers">
        <section className="answer answer--mine" aria-labelledby="my-answer-heading">
          <h2 id="my-answer-heading" className="answer__title">
            Your answer
          </h2>
          {mine && loaded ? (
            <EntryEditor room={mine} user={user} editorId={editorId} onEditor={onEditor} toolbarEnd={statuses} label="Write your answer" commentTarget={myComments.target} />
          ) : (
            <p className="entry__loading" aria-busy="true">
              Opening your answer…
            </p>
          )}
          {myComments.panel}
          {!shared && (
            <div className="answer__actions">
              <button type="button" className="button" onClick={onShare} disabled={shareState.kind === 'waiting'}>
                {shareState.kind === 'waiting' ? 'Sharing when you’re back online…' : 'Share my answer'}
              </button>
              {empty && <p className="form-error" role="alert">Write a few words first; there is nothing to share yet.</p>}
              {shareState.kind === 'failed' && <p className="form-error" role="alert">{shareState.message}</p>}
            </div>
          )}
        </section>

        {revealed && (
          <section className="answer answer--theirs" aria-labelledby="their-answer-heading" aria-live="polite">
            <h2 id="their-answer-heading" className="answer__title">
              {partnerName}’s answer
            </h2>
            {theirs && theirsSynced && partner ? (
              <PartnerAnswer journalId={journalId} day={day} room={theirs} partner={{ userId: partner.userId, name: partnerName }} user={user} />
            ) : (
              <p className="entry__loading" aria-busy="true">
                Opening {partnerName}’s answer…
              </p>
            )}
          </section>
        )}
      </div>
    </article>
  );
}

function DayStatusLine(props: { shared: boolean; waiting: boolean; partnerAnswered: boolean; revealed: boolean; partnerName: string }) {
  const { shared, waiting, partnerAnswered, revealed, partnerName } = props;
  let text: string;
  if (revealed) text = 'You have both answered. Here are both your answers.';
  else if (shared) text = `Your answer is shared and sealed. You’ll both see each other’s words once ${partnerName} answers too.`;
  else if (waiting) text = 'Your answer is kept on this device and will be shared as soon as Duet can be reached.';
  else if (partnerAnswered) text = `${partnerName} has answered. Their words open for you when you share yours.`;
  else text = `Answer in your own words. ${partnerName} won’t see them until you have both answered.`;
  return (
    <p className="day__status" role="status" data-testid="day-status">
      {text}
    </p>
  );
}
