import { useId, useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../auth/AuthFields';
import { FormError } from '../ui/FormError';
import { TextField } from '../ui/TextField';
import { accountApi } from './accountApi';
import { SavedNote } from './SavedNote';
import { useSettingsForm } from './useSettingsForm';

/** Changing the password signs every other device out (the server closes their connections too). */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const errorId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useSettingsForm();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!current || !next) return form.setError('Please fill in your current password and the new one.');
    void form.run(async () => {
      await accountApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      onChanged();
      return 'Your new password is set. Every other device was signed out; this one stays.';
    });
  }

  return (
    <form className="form settings-form" onSubmit={handleSubmit} noValidate>
      <TextField
        label="Current password"
        name="current-password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        invalid={form.error !== null}
        errorId={errorId}
        required
      />
      <TextField
        label="New password"
        name="new-password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. Your other devices will be signed out.`}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        invalid={form.error !== null}
        errorId={errorId}
        required
      />
      <FormError id={errorId} message={form.error} />
      <SavedNote message={form.done} />
      <button type="submit" className="button" disabled={form.busy}>
        {form.busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
