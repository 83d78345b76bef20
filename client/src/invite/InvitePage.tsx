import { JOINED_QUERY } from '../journal/JoinedWelcome';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/ApiError';
import { api } from '../api/endpoints';
import type { InvitePreview } from '#shared/api/types.js';
import { SignupForm } from '../auth/SignupForm';
import { AuthCard } from '../auth/AuthCard';
import { navigate, withQuery } from '../routing/history';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { useSession } from '../session/SessionContext';
import { FormError } from '../ui/FormError';
import { PageState } from '../ui/PageState';
import { useAsync } from '../ui/useAsync';
import { usePageTitle } from '../ui/usePageTitle';
import { formatDateTime } from '../ui/formatDate';
import { LeavingRule } from '../export/LeavingRule';

/**
 * /invite/:token. Anyone can open it: it says whose journal this is, then
 * either signs the partner up right here (and joins) or, if they are already
 * signed in, joins with one button.
 */
export function InvitePage({ token }: { token: string }) {
  const { state } = useAsync(() => api.invite(token), token);
  usePageTitle(state.status === 'ready' ? `Join ${state.data.journal.title}` : 'Invitation');

  if (state.status === 'loading') return <PageState title="Opening your invitation…" loading />;
  if (state.status === 'error') return <InviteProblem error={state.error} />;
  return <InviteWelcome token={token} invite={state.data} />;
}

function InviteWelcome({ token, invite }: { token: string; invite: InvitePreview }) {
  const { session, refresh } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function join() {
    setBusy(true);
    setError(null);
    try {
      const { journalId } = await api.acceptInvite(token);
      await refresh();
      navigate(`${paths.journal(journalId)}?${JOINED_QUERY}`, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  const intro = (
    <>
      <p className="invite__lede">
        <strong>{invite.invitedBy.name}</strong> invited you to write in
      </p>
      <p className="invite__journal">{invite.journal.title}</p>
      <p className="muted small">This invitation works once and expires {formatDateTime(invite.expiresAt)}.</p>
      <LeavingRule />
    </>
  );

  if (session.status === 'authenticated') {
    return (
      <AuthCard
        title="You're invited"
        intro={intro}
        footer={<SwitchAccount name={session.user.name} />}
      >
        <p>
          You're signed in as <strong>{session.user.name}</strong>.
        </p>
        <FormError message={error} />
        <button type="button" className="button button--wide" onClick={join} disabled={busy}>
          {busy ? 'Joining…' : `Join ${invite.journal.title}`}
        </button>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="You're invited"
      intro={intro}
      footer={
        <p>
          Already have an account? <Link to={withQuery('/login', { invite: token })}>Log in</Link> to join.
        </p>
      }
    >
      <h2 className="auth__subtitle">Create your account to join</h2>
      <SignupForm invite={token} next={null} />
    </AuthCard>
  );
}

/** Logs out but stays on the invitation, which then offers the signup form. */
function SwitchAccount({ name }: { name: string }) {
  const { logOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <p>
        Not {name}?{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => logOut().catch((caught: unknown) => setError(errorMessage(caught)))}
        >
          Use another account
        </button>
      </p>
      <FormError message={error} />
    </>
  );
}

function InviteProblem({ error }: { error: unknown }) {
  const { session } = useSession();
  const code = error instanceof ApiError ? error.code : '';
  const titles: Record<string, string> = {
    invite_used: 'This invitation was already used',
    invite_expired: 'This invitation has expired',
    invite_revoked: 'This invitation was withdrawn',
    invite_unknown: "We don't recognise this invitation",
  };
  return (
    <PageState title={titles[code] ?? "This invitation can't be opened"}>
      <p>{errorMessage(error)}</p>
      <p>Ask your partner to send you a new link from their journal.</p>
      {session.status === 'authenticated' ? (
        <p>
          <Link to="/">Go to your journals</Link>
        </p>
      ) : (
        <p>
          <Link to="/login">Log in</Link> or <Link to="/signup">create an account</Link>.
        </p>
      )}
    </PageState>
  );
}
