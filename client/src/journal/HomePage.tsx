import { useId, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/ApiError';
import { api } from '../api/endpoints';
import { navigate } from '../routing/history';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { useSession } from '../session/SessionContext';
import { FormError } from '../ui/FormError';
import { TextField } from '../ui/TextField';
import { usePageTitle } from '../ui/usePageTitle';
import { FormerMemberCopies } from '../export/FormerMemberCopies';
import { formatShortDate } from '../ui/formatDate';

/** "/": the journals you belong to, and a form to start one. */
export function HomePage() {
  usePageTitle('Your journals');
  const { session } = useSession();
  if (session.status !== 'authenticated') return null;
  const { user, journals } = session;
  const sorted = [...journals].sort((a, b) => b.createdAt - a.createdAt);

  return (
    <div className="home">
      <header className="page-header">
        <p className="eyebrow">Hello, {user.name}</p>
        <h1 className="page-title">Your journals</h1>
      </header>
      <FormerMemberCopies part="notice" />

      {sorted.length > 0 ? (
        <ul className="journal-cards" aria-label="Journals">
          {sorted.map((journal) => (
            <li key={journal.id} className="journal-card">
              <Link to={paths.journal(journal.id)} className="journal-card__link">
                <span className="journal-card__title">{journal.title}</span>
                <span className="journal-card__meta">
                  {journal.role === 'owner' ? 'You started it' : 'Shared with you'} · since {formatShortDate(journal.createdAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-note">
          No journal yet. Give yours a name, then invite your partner to write in it with you.
        </p>
      )}

      <CreateJournalForm />
      <FormerMemberCopies part="list" />
    </div>
  );
}

function CreateJournalForm() {
  const { refresh } = useSession();
  const errorId = useId();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Only a problem with the title marks the field; a refusal such as `journal_limit` is about the account.
  const [titleInvalid, setTitleInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!title.trim()) {
      setError('Please give your journal a title.');
      setTitleInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    setTitleInvalid(false);
    try {
      const { journal } = await api.createJournal(title.trim());
      await refresh();
      navigate(paths.journal(journal.id));
    } catch (caught) {
      setError(errorMessage(caught));
      setTitleInvalid(caught instanceof ApiError && caught.code === 'invalid_input');
      setBusy(false);
    }
  }

  return (
    <section className="panel create-journal" aria-labelledby="create-journal-heading">
      <h2 id="create-journal-heading" className="panel__title">
        Start a new journal
      </h2>
      <form className="form form--inline" onSubmit={handleSubmit} noValidate>
        <TextField
          label="Journal title"
          name="title"
          placeholder="Our little book of days"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          invalid={titleInvalid}
          errorId={errorId}
          maxLength={120}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating…' : 'Create journal'}
        </button>
      </form>
      <FormError id={errorId} message={error} />
    </section>
  );
}
