import { useId, useState } from 'react';
import { DECK_CHOICES, deckTitle } from '#shared/documents/dateNight.js';
import { readOpenNights } from '#shared/documents/dateNightLog.js';
import { ritualsRoom } from '#shared/documents/rituals.js';
import type { DeckChoice } from '#shared/rituals/dateNightDeck.js';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { formatShortDate } from '../ui/formatDate';
import { navigate } from '../routing/history';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { showToast } from '../toast/toastStore';
import { useNow } from '../rituals/useNow';
import { startDateNight } from './startDateNight';
import { useDocVersion } from '../collab/useDocVersion';

/** A night started this long ago is "tonight"; older open ones are offered more quietly. */
const TONIGHT_MS = 12 * 60 * 60 * 1000;

/**
 * The journal page's way into a date night: a night your partner has
 * started (join it), one of yours still open (go back to it), or a new one
 * from a deck you pick together.
 */
export function DateNightCard({ journalId, userId, partner }: { journalId: string; userId: string; partner: { id: string; name: string } | null }) {
  const { rooms } = useSyncEngine();
  const rituals = useReadOnlyRoom(ritualsRoom(journalId));
  useDocVersion(rituals?.doc ?? null);
  const [choice, setChoice] = useState<DeckChoice>('light');
  const [starting, setStarting] = useState(false);
  // The deck picker opens on request, so the journal page stays short on a phone.
  const [picking, setPicking] = useState(false);
  const now = useNow();
  const headingId = useId();
  const open = rituals ? readOpenNights(rituals.doc) : [];

  async function start() {
    setStarting(true);
    try {
      const nightId = await startDateNight(rooms, journalId, userId, choice, rituals?.doc ?? null);
      navigate(paths.dateNight(journalId, nightId));
    } catch {
      setStarting(false);
      showToast({ message: 'The date night could not start on this device. Try again.', tone: 'error' });
    }
  }

  return (
    <section className="night-invite" aria-labelledby={headingId}>
      <p className="eyebrow" id={headingId}>
        Date night
      </p>
      {open.map((night) => {
        const mine = night.startedBy === userId;
        const recent = now - night.startedAt < TONIGHT_MS;
        const who = mine ? 'Your date night' : `${partner?.name ?? 'Your partner'} started a date night`;
        return (
          <div key={night.nightId} className="night-invite__open">
            <p>
              {who} · {deckTitle(night.category)}
              {!recent && <span className="night-invite__when"> · from {formatShortDate(night.startedAt)}</span>}
            </p>
            <Link to={paths.dateNight(journalId, night.nightId)} className="button button--small">
              {mine ? 'Go back to it' : 'Join'}
            </Link>
          </div>
        );
      })}
      <p className="night-invite__lead">Draw questions together, one card at a time, on one phone or both.</p>
      {picking ? (
        <>
          <fieldset className="night-invite__decks">
            <legend>Pick a deck for tonight</legend>
            {DECK_CHOICES.map((deck) => (
              <label key={deck} className={deck === choice ? 'deck-chip deck-chip--on' : 'deck-chip'}>
                <input type="radio" name={`${headingId}-deck`} value={deck} checked={deck === choice} onChange={() => setChoice(deck)} />
                {deckTitle(deck)}
              </label>
            ))}
          </fieldset>
          <div className="night-invite__actions">
            <button type="button" className="button" onClick={() => void start()} disabled={starting}>
              Start our date night
            </button>
            <button type="button" className="button button--quiet" onClick={() => setPicking(false)}>
              Not now
            </button>
          </div>
        </>
      ) : (
        <button type="button" className={open.length > 0 ? 'button button--quiet' : 'button'} onClick={() => setPicking(true)}>
          {open.length > 0 ? 'Start another date night' : 'Plan a date night'}
        </button>
      )}
    </section>
  );
}
