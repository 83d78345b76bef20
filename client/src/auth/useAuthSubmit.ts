import { useState } from 'react';
import { errorMessage } from '../api/ApiError';
import { useSession } from '../session/SessionContext';
import { completeSignIn } from './completeSignIn';
import { fieldsForError, type AuthField } from './fieldsForError';
import { joinWords } from './joinWords';

/**
 * The shared life of the login and signup forms: say which fields are empty,
 * send, then either finish signing in (and redeem the invite) or show the
 * server's message and mark the fields it is about.
 */
export function useAuthSubmit(options: { invite: string | null; next: string | null; onBusyChange?: (busy: boolean) => void }) {
  const { refresh } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<AuthField[]>([]);
  const [busy, setBusy] = useState(false);

  function setWorking(value: boolean) {
    setBusy(value);
    options.onBusyChange?.(value);
  }

  /** `values` are the required fields in form order; `send` makes the request. */
  async function submit(values: Partial<Record<AuthField, string>>, send: () => Promise<unknown>): Promise<void> {
    const missing = (Object.keys(values) as AuthField[]).filter((field) => !values[field]?.trim());
    if (missing.length > 0) {
      setInvalid(missing);
      setError(`Please fill in your ${joinWords(missing)}.`);
      return;
    }
    setWorking(true);
    setError(null);
    setInvalid([]);
    try {
      await send();
      await completeSignIn({ invite: options.invite, next: options.next, refresh });
    } catch (caught) {
      setError(errorMessage(caught));
      setInvalid(fieldsForError(caught));
      setWorking(false);
    }
  }

  return { busy, error, invalid, submit };
}
