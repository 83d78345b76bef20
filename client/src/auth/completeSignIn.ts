import { JOINED_QUERY } from '../journal/JoinedWelcome';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/endpoints';
import { navigate, safeNextPath } from '../routing/history';
import { paths } from '../routing/routes';
import type { SessionState } from '../session/SessionContext';
import { showToast } from '../toast/toastStore';
import { rememberReturningDevice } from './returningDevice';

/**
 * What happens right after a successful login or signup: redeem the invite the
 * person arrived with (landing them in that journal), or go where they were
 * headed (their journal, when they have just one). The session is reloaded
 * before navigating, so the destination page sees the new user and the
 * journal they just joined.
 */
export async function completeSignIn(options: {
  invite: string | null;
  next: string | null;
  refresh: () => Promise<SessionState>;
}): Promise<void> {
  rememberReturningDevice();
  let destination = safeNextPath(options.next) ?? paths.home();
  if (options.invite) {
    try {
      const { journalId } = await api.acceptInvite(options.invite);
      destination = `${paths.journal(journalId)}?${JOINED_QUERY}`;
    } catch (error) {
      // The invite page explains used, expired and revoked invites in full.
      showToast({ message: `You're signed in, but the invite didn't work: ${errorMessage(error)}`, tone: 'error', durationMs: 10000 });
      destination = paths.invite(options.invite);
    }
  }
  const session = await options.refresh();
  // A couple's journal is their home: with one journal, signing in opens it, on today's question.
  if (destination === paths.home() && session.status === 'authenticated' && session.journals.length === 1) {
    destination = paths.journal(session.journals[0].id);
  }
  navigate(destination, { replace: true });
}
