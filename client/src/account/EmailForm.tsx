import { useId, useState, type FormEvent } from 'react';
import type { User } from '#shared/api/types.js';
import { useSession } from '../session/SessionContext';
import { FormError } from '../ui/FormError';
import { TextField } from '../ui/TextField';
import { accountApi } from './accountApi';
import { SavedNote } from './SavedNote';
import { useSettingsForm } from './useSettingsForm';

export function EmailForm({ user }: { user: User }) {
  const { refresh } = useSession();
  const errorId = useId();
  const [email, setEmail] = useState(user.email);
  const [password, setPassword] = useState('');
  const form = useSettingsForm();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) return form.setError('Please fill in the new email and your current password.');
    void form.run(async () => {
      const { user: changed } = await accountApi.changeEmail(email.trim(), password);
      setPassword('');
      await refresh();
      return `Saved. You log in with ${changed.email} from now on.`;
    });
  }

  return (
    <form className="form settings-form" onSubmit={handleSubmit} noValidate>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        invalid={form.error !== null}
        errorId={errorId}
        required
      />
      <TextField
        label="Current password"
        name="current-password"
        type="password"
        autoComplete="current-password"
        hint="So nobody who finds this device open can take your account."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        invalid={form.error !== null}
        errorId={errorId}
        required
      />
      <FormError id={errorId} message={form.error} />
      <SavedNote message={form.done} />
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? 'Saving…' : 'Change email'}
      </button>
    </form>
  );
}
