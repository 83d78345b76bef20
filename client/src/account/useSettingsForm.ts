import { useState } from 'react';
import { errorMessage } from '../api/ApiError';

/** One settings form's life: busy while sending, then the server's message or a word that it worked. */
export function useSettingsForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(send: () => Promise<string>): Promise<boolean> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await send());
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, done, run, setError };
}
