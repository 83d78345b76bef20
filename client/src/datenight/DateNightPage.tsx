import { type FormEvent, useId, useState } from 'react';
import { addNote, currentTurn, deckTitle, MAX_NIGHT_NOTE_CHARS, MAX_TURNS, pressNext, readEnd, readNotes, readSetup } from '#shared/documents/dateNight.js';
import { dateNightRoom } from '#shared/documents/dateNight.js';
import { ritualsRoom } from '#shared/documents/rituals.js';
import { newId } from '#shared/model/ids.js';
import { cardsThrough } from '#shared/rituals/dateNightDeck.js';
import { questionById } from '#shared/rituals/questionLibrary.js';
import { StatusIndicator } from '../collab/StatusIndicator';
import { uniqueUsers, usePeers, usePublishPresence } from '../collab/presence';
import { StoppedNotice } from '../collab/StoppedNotice';
import { useCollabRoom, useConnectionState, useHasSynced, useRoomKnown, useSyncPhase } from '../collab/useCollabRoom';
import { usePresenceUser } from '../session/usePresenceUser';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { useJournalDetail } from '../ui/useJournalDetail';
import { useOnline } from '../local/useOnline';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { syncStatusKind } from '../sync/syncStatusKind';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { PageState } from '../ui/PageState';
import { usePageTitle } from '../ui/usePageTitle';
import { useDocVersion } from '../collab/useDocVersion';
import { useNightServerCalls } from './useNightServerCalls';

const cardText = (id: string | undefined) => (id ? (questionById(id)?.text ?? 'This card comes from a newer Duet. Reload to read it.') : '');

/**
 * /journals/:id/nights/:nightId: one date night. Both partners see the same
 * card (the night's document says which turn it is; the deck in it says which
 * card that is), either can turn to the next one or write something under a
 * card, and "End our date night" makes the evening one entry on the timeline.
 * Works offline: turns and notes are kept on the device and merge later.
 */
export function DateNightPage({ journalId, nightId }: { journalId: string; nightId: string }) {
  const user = usePresenceUser();
  const { state: detail } = useJournalDetail(journalId);
  const night = useCollabRoom(dateNightRoom(journalId, nightId));
  const rituals = useReadOnlyRoom(ritualsRoom(journalId));
  const ritualsSynced = useHasSynced(rituals);
  const known = useRoomKnown(night);
  const connection = useConnectionState(night);
  const phase = useSyncPhase(night);
  const version = useDocVersion(night?.doc ?? null) + useDocVersion(rituals?.doc ?? null);
  usePublishPresence(night?.awareness ?? null, 'user', user);
  const peers = usePeers(night?.awareness ?? null, { includeSelf: false });
  const { endNight, endState } = useNightServerCalls(journalId, nightId, user.id, night, rituals?.doc ?? null, ritualsSynced, version);
  const online = useOnline();
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState('');
  const noteId = useId();
  const headingId = useId();
  usePageTitle('Date night');

  const members = detail.status === 'ready' ? detail.data.members : [];
  const nameOf = (id: string) => (id === user.id ? 'You' : (members.find((m) => m.userId === id)?.name ?? 'Your partner'));
  const partner = members.find((m) => m.userId !== user.id) ?? null;
  const partnerName = partner?.name ?? 'your partner';
  const partnerHere = partner !== null && uniqueUsers(peers).some((p) => p.id === partner.userId);
  const journalTitle = detail.status === 'ready' ? detail.data.journal.title : 'Journal';

  const doc = night?.doc ?? null;
  const setup = doc ? readSetup(doc) : null;
  if (!doc || !setup) {
    if (!known) return <PageState title="Opening your date night…" loading />;
    return (
      <PageState title="This date night isn’t here yet">
        <p>It arrives as soon as the phone it was started on is online.</p>
        <p>
          <Link to={paths.journal(journalId)}>Back to {journalTitle}</Link>
        </p>
      </PageState>
    );
  }

  const turn = currentTurn(doc);
  const cards = cardsThrough(setup.deck, nightId, turn);
  const notes = readNotes(doc);
  const end = readEnd(doc);
  const ended = end !== null;
  const here = notes.filter((n) => n.turn === turn);

  function onAdd(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!doc || text.length === 0) return;
    addNote(doc, turn, { id: newId(), by: user.id, text });
    setDraft('');
  }

  const statuses = (
    <StatusIndicator connection={connection} sync={syncStatusKind(phase !== 'confirmed', connection)} testId="night-sync-status" />
  );

  return (
    <article className="night" aria-labelledby={headingId}>
      <div className="entry__bar">
        <Link to={paths.journal(journalId)} className="back-link">
          <span aria-hidden="true">← </span>
          {journalTitle}
        </Link>
        {statuses}
      </div>
      <StoppedNotice states={[connection]} />
      <header className="night__header">
        <p className="eyebrow">Date night · {deckTitle(setup.category)}</p>
        <p className="night__with" data-testid="night-with">
          {partnerHere ? (
            <>
              <span className="here-now__dot" aria-hidden="true" /> {partnerName} is here with you
            </>
          ) : (
            `Share the evening: ${partnerName} can join from your journal.`
          )}
        </p>
      </header>

      {ended && (
        <section className="night__ended" role="status" data-testid="night-ended">
          <p>Your evening is on your timeline now, with every card and everything you wrote.</p>
          <Link to={paths.entry(journalId, end.entryId)} className="button button--small">
            Read it in your journal
          </Link>
        </section>
      )}

      <section className="night-card" aria-labelledby={headingId}>
        <p className="night-card__count">Card {turn + 1}</p>
        <h1 id={headingId} className="night-card__text" aria-live="polite" data-testid="night-card">
          {cardText(cards[turn])}
        </h1>
        {!ended && (
          <button type="button" className="button night-card__next" onClick={() => pressNext(doc, user.id)} disabled={turn >= MAX_TURNS}>
            Next card
          </button>
        )}
      </section>

      <section className="night-notes" aria-label="Written under this card">
        {here.length > 0 && (
          <ul className="night-notes__list" aria-live="polite">
            {here.map((note) => (
              <li key={note.key} className={note.by === user.id ? 'night-note night-note--mine' : 'night-note'}>
                <span className="night-note__who">{nameOf(note.by)}</span> {note.text}
              </li>
            ))}
          </ul>
        )}
        {!ended && (
          <form className="night-notes__form" onSubmit={onAdd}>
            <label htmlFor={noteId} className="night-notes__label">
              Write something under this card
            </label>
            <textarea
              id={noteId}
              value={draft}
              maxLength={MAX_NIGHT_NOTE_CHARS}
              rows={2}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="A thought, an answer, something to remember"
            />
            <button type="submit" className="button button--quiet button--small" disabled={draft.trim().length === 0}>
              Add
            </button>
          </form>
        )}
      </section>

      {turn > 0 && (
        <details className="night-earlier">
          <summary>Cards so far tonight ({turn})</summary>
          <ol>
            {cards.slice(0, turn).map((id, t) => (
              <li key={t}>
                <p>{cardText(id)}</p>
                {notes
                  .filter((n) => n.turn === t)
                  .map((n) => (
                    <p key={n.key} className="night-note">
                      <span className="night-note__who">{nameOf(n.by)}</span> {n.text}
                    </p>
                  ))}
              </li>
            ))}
          </ol>
        </details>
      )}

      {!ended && (
        <div className="night__end">
          <button type="button" className="button button--quiet" onClick={() => setConfirming(true)} disabled={endState.kind === 'waiting'}>
            {endState.kind !== 'waiting' ? 'End our date night' : online ? 'Writing it into your journal…' : 'Ending when you’re back online…'}
          </button>
          {endState.kind === 'failed' && (
            <p className="form-error" role="alert">
              {endState.message}
            </p>
          )}
        </div>
      )}

      <ConfirmDialog
        open={confirming}
        title="End tonight’s date night?"
        confirmLabel="End our date night"
        cancelLabel="Keep talking"
        onConfirm={() => {
          setConfirming(false);
          endNight();
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>The cards you drew and everything you wrote become one entry on your timeline, for both of you.</p>
      </ConfirmDialog>
    </article>
  );
}
