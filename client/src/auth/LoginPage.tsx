import { useState } from 'react';
import { queryParam, useLocation, withQuery } from '../routing/history';
import { Link } from '../routing/Link';
import { usePageTitle } from '../ui/usePageTitle';
import { AuthCard } from './AuthCard';
import { LoginForm } from './LoginForm';
import { LOGIN_REASON_SESSION_ENDED } from '../session/loginReason';
import { useLeaveIfSignedIn } from './useLeaveIfSignedIn';

export function LoginPage() {
  usePageTitle('Log in');
  const { search } = useLocation();
  const invite = queryParam(search, 'invite');
  const next = queryParam(search, 'next');
  const reason = queryParam(search, 'reason');
  const [busy, setBusy] = useState(false);
  useLeaveIfSignedIn({ invite, next, busy });

  return (
    <AuthCard
      title="Welcome back"
      intro={
        <>
          {reason === LOGIN_REASON_SESSION_ENDED && (
            // Not an alert: it is on the page from the start, and the form's own errors must stay the only alert.
            <p className="notice">Your session ended, so Duet stopped syncing. Log in again to keep writing.</p>
          )}
          <p>{invite ? 'Log in to accept the invitation and open your shared journal.' : 'Log in to your shared journal.'}</p>
        </>
      }
      footer={
        <p>
          New to Duet? <Link to={withQuery('/signup', { invite, next })}>Create an account</Link>
        </p>
      }
    >
      <LoginForm invite={invite} next={next} onBusyChange={setBusy} />
      <p className="auth__aside">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </AuthCard>
  );
}
