import { navigate, queryParam, useLocation } from '../routing/history';
import { paths } from '../routing/routes';

/** The query a journal is opened with right after its invitation was accepted. */
export const JOINED_QUERY = 'welcome=joined';

/**
 * Greets a partner who has just joined through an invitation and says what to
 * do first. Shown once, on arrival; "Let's begin" takes it away for good (the
 * address loses its `welcome`, so back and reload do not bring it back).
 */
export function JoinedWelcome({ journalId, journalTitle, userName, partnerName }: { journalId: string; journalTitle: string; userName: string; partnerName: string | null }) {
  const { search } = useLocation();
  if (queryParam(search, 'welcome') !== 'joined') return null;
  return (
    <section className="joined-welcome" aria-labelledby="joined-welcome-title">
      <h2 id="joined-welcome-title" className="joined-welcome__title">
        Welcome, {userName}.
      </h2>
      <p>
        {partnerName ? `You and ${partnerName} now share “${journalTitle}”.` : `“${journalTitle}” is yours to share now.`} A good way to begin: answer today’s
        question below. {partnerName ?? 'Your partner'} sees your answer once you have both answered, and you see theirs.
      </p>
      <p>Later, write an entry together, or leave a love note for {partnerName ?? 'them'} to find.</p>
      <button type="button" className="button button--small" onClick={() => navigate(paths.journal(journalId), { replace: true })}>
        Let’s begin
      </button>
    </section>
  );
}
