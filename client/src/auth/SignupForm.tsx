import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { FormError } from '../ui/FormError';
import { EmailField, NameField, PasswordField } from './AuthFields';
import { useAuthSubmit } from './useAuthSubmit';

/** Creates an account and signs in. Used on /signup and inline on an invite. */
export function SignupForm({ invite, next, onBusyChange }: { invite: string | null; next: string | null; onBusyChange?: (busy: boolean) => void }) {
  const errorId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, invalid, submit } = useAuthSubmit({ invite, next, onBusyChange });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit({ name, email, password }, () => api.signUp({ name: name.trim(), email: email.trim(), password }));
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Create your account">
      <NameField value={name} onChange={setName} invalid={invalid.includes('name')} errorId={errorId} />
      <EmailField value={email} onChange={setEmail} invalid={invalid.includes('email')} errorId={errorId} />
      <PasswordField value={password} onChange={setPassword} invalid={invalid.includes('password')} errorId={errorId} isNew />
      <FormError id={errorId} message={error} />
      <button type="submit" className="button button--wide" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
