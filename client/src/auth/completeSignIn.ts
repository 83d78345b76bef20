import { errorMessage } from '../api/ApiError';
import { api } from '../api/endpoints';
import { navigate, safeNextPath } from '../routing/history';
import { paths } from '../routing/routes';
import type { SessionState } from '../session/SessionContext';
import { showToast } from '../toast/toastStore';

/**
 * What happens right after a successful login or signup: redeem the invite the
 * person arrived with (landing them in that journal), or go where they were
 * headed. The session is reloaded before navigating, so the destination page
 * sees the new user and the journal they just joined.
 */
export async function completeSignIn(options: {
  invite: string | null;
  next: string | null;
  refresh: () => Promise<SessionState>;
}): Promise<void> {
  let destination = safeNextPath(options.next) ?? paths.home();
  if (options.invite) {
    try {
      const { journalId } = await api.acceptInvite(options.invite);
      destination = paths.journal(journalId);
    } catch (error) {
      // The invite page explains used, expired and revoked invites in full.
      showToast({ message: `You're signed in, but the invite didn't work: ${errorMessage(error)}`, tone: 'error', durationMs: 10000 });
      destination = paths.invite(options.invite);
    }
  }
  await options.refresh();
  navigate(destination, { replace: true });
}
