import { useEffect } from 'react';
import { navigate, safeNextPath } from '../routing/history';
import { paths } from '../routing/routes';
import { useSession } from '../session/SessionContext';

/**
 * Someone already signed in has no business on /login or /signup: send them
 * on. Not while a form is submitting, because the form itself navigates once
 * it has accepted the invite.
 */
export function useLeaveIfSignedIn(options: { invite: string | null; next: string | null; busy: boolean }): void {
  const { session } = useSession();
  const signedIn = session.status === 'authenticated';
  const { invite, next, busy } = options;
  useEffect(() => {
    if (!signedIn || busy) return;
    navigate(invite ? paths.invite(invite) : (safeNextPath(next) ?? paths.home()), { replace: true });
  }, [signedIn, busy, invite, next]);
}
