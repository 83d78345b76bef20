import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { FormError } from '../ui/FormError';
import { EmailField, PasswordField } from './AuthFields';
import { useAuthSubmit } from './useAuthSubmit';

export function LoginForm({ invite, next, onBusyChange }: { invite: string | null; next: string | null; onBusyChange?: (busy: boolean) => void }) {
  const errorId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, invalid, submit } = useAuthSubmit({ invite, next, onBusyChange });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit({ email, password }, () => api.logIn({ email: email.trim(), password }));
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Log in">
      <EmailField value={email} onChange={setEmail} invalid={invalid.includes('email')} errorId={errorId} />
      <PasswordField value={password} onChange={setPassword} invalid={invalid.includes('password')} errorId={errorId} isNew={false} />
      <FormError id={errorId} message={error} />
      <button type="submit" className="button button--wide" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
