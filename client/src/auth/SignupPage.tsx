import { useState } from 'react';
import { queryParam, useLocation, withQuery } from '../routing/history';
import { Link } from '../routing/Link';
import { usePageTitle } from '../ui/usePageTitle';
import { AuthCard } from './AuthCard';
import { SignupForm } from './SignupForm';
import { useLeaveIfSignedIn } from './useLeaveIfSignedIn';

export function SignupPage() {
  usePageTitle('Create your account');
  const { search } = useLocation();
  const invite = queryParam(search, 'invite');
  const next = queryParam(search, 'next');
  const [busy, setBusy] = useState(false);
  useLeaveIfSignedIn({ invite, next, busy });

  return (
    <AuthCard
      title="Start your journal"
      intro={<p>One journal, two voices. Write your days together, as they happen.</p>}
      footer={
        <p>
          Already have an account? <Link to={withQuery('/login', { invite, next })}>Log in</Link>
        </p>
      }
    >
      <SignupForm invite={invite} next={next} onBusyChange={setBusy} />
    </AuthCard>
  );
}
