import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/ApiError';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { navigate } from '../routing/history';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { wipeLocalData } from '../session/localData';
import { useSession } from '../session/SessionContext';
import { showToast } from '../toast/toastStore';
import { FormError } from '../ui/FormError';
import { TextField } from '../ui/TextField';
import { usePageTitle } from '../ui/usePageTitle';
import { accountApi } from './accountApi';
import { exportPaths } from '#shared/api/exportRoutes.js';

/** "/account/delete": says first what happens to what you wrote, then asks for the password. */
export function DeleteAccountPage() {
  usePageTitle('Delete your account');
  const { session, refresh } = useSession();
  const journals = session.status === 'authenticated' ? session.journals : [];
  const engine = useSyncEngine();
  const errorId = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) return setError('Please type your password to confirm it is you.');
    setBusy(true);
    setError(null);
    // The server closes this account's connections; drop ours first so that reads as intended.
    engine.rooms.disconnectAll();
    try {
      await accountApi.deleteAccount(password);
    } catch (caught) {
      engine.rooms.reconnectAll();
      setError(errorMessage(caught));
      setBusy(false);
      return;
    }
    await wipeLocalData(engine);
    navigate('/login', { replace: true });
    showToast({ message: 'Your account is deleted. Thank you for the words you wrote here. Take good care.', durationMs: 12000 });
    void refresh();
  }

  return (
    <div className="settings settings--narrow">
      <header className="page-header">
        <div>
          <p className="eyebrow">
            <Link to={paths.account()}>Your account</Link>
          </p>
          <h1 className="page-title">Delete your account</h1>
        </div>
      </header>

      <section className="panel settings__section" aria-labelledby="delete-what">
        <h2 id="delete-what" className="panel__title">
          What happens
        </h2>
        <ul className="delete-list">
          <li>
            <strong>What you shared stays with your partner.</strong> Entries you wrote together, your comments, answers you both revealed, notes
            they already received and your check-ins stay in the journal, so their story is not torn out. Your name on them becomes “former
            member”.
          </li>
          <li>
            <strong>What was only yours is removed for good:</strong> your private drafts, answers your partner has not seen yet, notes not yet
            delivered, your own settings in each journal, your email, your name and your password.
          </li>
          <li>
            <strong>You are signed out everywhere.</strong> Each device that still keeps a copy of your journals clears it the next time someone
            signs in on it.
          </li>
          <li>
            <strong>A journal you started passes to your partner.</strong> A journal only you were in is removed with everything in it.
          </li>
          <li>There is no undo. If you ever come back, you start with a new account.</li>
        </ul>
        {journals.length > 0 && (
          <div className="delete-account__downloads">
            <p>Before you go, keep your words: download each journal (every entry, a printable page and the photos).</p>
            <ul>
              {journals.map((journal) => (
                <li key={journal.id}>
                  <a className="button button--quiet button--small" href={exportPaths.journalExport(journal.id)} download>
                    Download “{journal.title}”
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section className="panel settings__section" aria-labelledby="delete-confirm">
        <h2 id="delete-confirm" className="panel__title">
          Are you sure?
        </h2>
        <form className="form settings-form" onSubmit={(e) => void handleSubmit(e)} noValidate aria-label="Delete your account">
          <TextField
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            invalid={error !== null}
            errorId={errorId}
            required
          />
          <FormError id={errorId} message={error} />
          <div className="settings-form__actions">
            <button type="submit" className="button button--danger" disabled={busy}>
              {busy ? 'Deleting…' : 'Delete my account'}
            </button>
            <Link to={paths.account()} className="button button--quiet">
              Keep my account
            </Link>
          </div>
        </form>
      </section>
    </div>
  );
}
