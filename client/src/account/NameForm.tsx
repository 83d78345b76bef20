import { useId, useState, type FormEvent } from 'react';
import type { User } from '#shared/api/types.js';
import { useSession } from '../session/SessionContext';
import { FormError } from '../ui/FormError';
import { TextField } from '../ui/TextField';
import { accountApi } from './accountApi';
import { SavedNote } from './SavedNote';
import { useSettingsForm } from './useSettingsForm';

export function NameForm({ user }: { user: User }) {
  const { refresh } = useSession();
  const errorId = useId();
  const [name, setName] = useState(user.name);
  const form = useSettingsForm();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) return form.setError('Please write the name your partner knows you by.');
    void form.run(async () => {
      await accountApi.rename(name.trim());
      await refresh();
      return 'Saved. Your partner sees your new name, on what you wrote before too.';
    });
  }

  return (
    <form className="form settings-form" onSubmit={handleSubmit} noValidate>
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        hint="Shown to your partner on entries, comments and notes."
        value={name}
        onChange={(e) => setName(e.target.value)}
        invalid={form.error !== null}
        errorId={errorId}
        maxLength={80}
        required
      />
      <FormError id={errorId} message={form.error} />
      <SavedNote message={form.done} />
      <button type="submit" className="button" disabled={form.busy || name.trim() === user.name}>
        {form.busy ? 'Saving…' : 'Save name'}
      </button>
    </form>
  );
}
