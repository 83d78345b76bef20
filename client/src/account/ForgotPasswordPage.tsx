import { useId, useState, type FormEvent } from 'react';
import { AuthCard } from '../auth/AuthCard';
import { EmailField } from '../auth/AuthFields';
import { Link } from '../routing/Link';
import { FormError } from '../ui/FormError';
import { usePageTitle } from '../ui/usePageTitle';
import { accountApi } from './accountApi';
import { useSettingsForm } from './useSettingsForm';

/** "/forgot-password": ask for a link to choose a new password. The answer never says whether the email has an account. */
export function ForgotPasswordPage() {
  usePageTitle('Forgot your password');
  const errorId = useId();
  const [email, setEmail] = useState('');
  const form = useSettingsForm();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim()) return form.setError('Please fill in the email you log in with.');
    void form.run(async () => (await accountApi.requestReset(email.trim())).message);
  }

  return (
    <AuthCard
      title="Forgot your password?"
      intro={<p>It happens. Tell us the email you log in with, and we will send you a link to choose a new password.</p>}
      footer={
        <p>
          Remembered it? <Link to="/login">Log in</Link>
        </p>
      }
    >
      {form.done ? (
        <div className="notice reset-sent" role="status">
          <p>{form.done}</p>
        </div>
      ) : (
        <form className="form" onSubmit={handleSubmit} noValidate aria-label="Ask for a new password">
          <EmailField value={email} onChange={setEmail} invalid={form.error !== null} errorId={errorId} />
          <FormError id={errorId} message={form.error} />
          <button type="submit" className="button button--wide" disabled={form.busy}>
            {form.busy ? 'Sending…' : 'Send me a link'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
