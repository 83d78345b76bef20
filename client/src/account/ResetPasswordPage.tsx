import { useId, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/ApiError';
import { AuthCard } from '../auth/AuthCard';
import { MIN_PASSWORD_LENGTH } from '../auth/AuthFields';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { FormError } from '../ui/FormError';
import { TextField } from '../ui/TextField';
import { PageState } from '../ui/PageState';
import { useAsync } from '../ui/useAsync';
import { usePageTitle } from '../ui/usePageTitle';
import { accountApi } from './accountApi';
import { useSettingsForm } from './useSettingsForm';

/** "/reset-password/:token": the page a reset mail opens; sets a new password once, and signs every device out. */
export function ResetPasswordPage({ token }: { token: string }) {
  usePageTitle('Choose a new password');
  const link = useAsync(() => accountApi.resetLink(token), token);
  const errorId = useId();
  const [password, setPassword] = useState('');
  const form = useSettingsForm();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) return form.setError('Please choose a new password.');
    void form.run(async () => {
      await accountApi.resetPassword(token, password);
      return 'Your new password is set.';
    });
  }

  if (link.state.status === 'loading') return <PageState title="Opening your link…" loading />;
  if (link.state.status === 'error') {
    const expired = link.state.error instanceof ApiError && link.state.error.status === 410;
    return (
      <AuthCard
        title={expired ? 'This link no longer works' : 'Duet can’t open this link'}
        footer={
          <p>
            <Link to={paths.forgotPassword()}>Ask for a new link</Link> · <Link to="/login">Log in</Link>
          </p>
        }
      >
        <p className="notice">{expired ? 'A link works once, for one hour. Ask for a new one and use it soon after it arrives.' : errorMessage(link.state.error)}</p>
      </AuthCard>
    );
  }

  if (form.done) {
    return (
      <AuthCard title="Your new password is set">
        <p className="notice" role="status">
          Every device that was signed in to your account has been signed out, to keep it yours. Log in with your new password.
        </p>
        <Link to="/login" className="button button--wide">
          Log in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password" intro={<p>Pick something you have not used here before. You will be signed out everywhere, then you can log in with it.</p>}>
      <form className="form" onSubmit={handleSubmit} noValidate aria-label="Choose a new password">
        <TextField
          label="New password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          invalid={form.error !== null}
          errorId={errorId}
          required
        />
        <FormError id={errorId} message={form.error} />
        <button type="submit" className="button button--wide" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save my new password'}
        </button>
      </form>
    </AuthCard>
  );
}
