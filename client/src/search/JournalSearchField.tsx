import { type FormEvent, useState } from 'react';
import { navigate, withQuery } from '../routing/history';
import { paths } from '../routing/routes';

/** The search box in the journal's header: pressing Enter opens the search page with the words. */
export function JournalSearchField({ journalId }: { journalId: string }) {
  const [words, setWords] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(withQuery(paths.search(journalId), { q: words.trim() }));
  }
  return (
    <form className="journal-search" role="search" onSubmit={submit}>
      <input
        className="field__input journal-search__input"
        type="search"
        aria-label="Search your journal"
        placeholder="Search your journal"
        value={words}
        onChange={(event) => setWords(event.target.value)}
        enterKeyHint="search"
      />
    </form>
  );
}
