/**
 * Schema migrations for the SQLite backend, applied in order and recorded in
 * `PRAGMA user_version`. Append new steps; never edit a released one.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE journals (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users(id),
    max_members INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE memberships (
    journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (journal_id, user_id)
  );
  CREATE INDEX memberships_by_user ON memberships(user_id);
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by TEXT,
    revoked_at INTEGER
  );
  CREATE INDEX invites_by_journal ON invites(journal_id);
  CREATE TABLE doc_snapshots (
    doc TEXT PRIMARY KEY,
    state BLOB NOT NULL,
    through_seq INTEGER NOT NULL
  );
  CREATE TABLE doc_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX doc_updates_by_doc ON doc_updates(doc, seq);
  `,
  // Who writes under each Yjs client id of a document, so nobody can write
  // under their partner's id (the relay checks every update against it).
  `
  CREATE TABLE doc_client_owners (
    doc TEXT NOT NULL,
    client INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (doc, client)
  ) WITHOUT ROWID;
  `,
  // The couple's rituals (docs/design/rituals.md): their rhythm, who answered
  // each day's question, when a day was revealed, and the releases that open
  // one partner's owned document (answer, note for later, draft) to the other.
  `
  CREATE TABLE journal_rhythm (
    journal_id TEXT PRIMARY KEY REFERENCES journals(id) ON DELETE CASCADE,
    time_zone TEXT,
    checkin_day INTEGER NOT NULL CHECK (checkin_day BETWEEN 1 AND 7)
  );
  CREATE TABLE day_answers (
    journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (journal_id, day, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE day_reveals (
    journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    revealed_at INTEGER NOT NULL,
    PRIMARY KEY (journal_id, day)
  ) WITHOUT ROWID;
  CREATE TABLE note_deliveries (
    journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    note_id TEXT NOT NULL,
    from_user TEXT NOT NULL,
    emoji TEXT NOT NULL,
    deliver_at INTEGER NOT NULL,
    delivered_at INTEGER,
    PRIMARY KEY (journal_id, note_id)
  ) WITHOUT ROWID;
  CREATE INDEX note_deliveries_due ON note_deliveries(deliver_at) WHERE delivered_at IS NULL;
  CREATE TABLE doc_releases (
    journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    doc_name TEXT NOT NULL,
    released_at INTEGER NOT NULL,
    PRIMARY KEY (journal_id, doc_name)
  ) WITHOUT ROWID;
  `,
  // Photos (docs/design/memories.md): the files made from each upload, by the
  // SHA-256 of the upload (the files themselves are in the data folder's
  // `photos/`), and each photo id, in one journal for good, pointing at them.
  `
  CREATE TABLE photo_files (
    hash TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    full_bytes INTEGER NOT NULL,
    display_bytes INTEGER NOT NULL,
    thumb_bytes INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    journal_id TEXT NOT NULL REFERENCES journals(id) ON DELETE CASCADE,
    hash TEXT NOT NULL REFERENCES photo_files(hash),
    entry_id TEXT,
    uploaded_by TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    bytes INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX photos_by_journal ON photos(journal_id, uploaded_at);
  `,
  // Search (docs/design/memories.md, "Search"; server/storage/SqliteSearchIndex.ts). `search_rows`
  // holds one searchable thing each (an entry, an answer, a note, a comment) with who may see it;
  // `search_text` its words in FTS5 (rowid = search_rows.id; `scope` is the journal, as one token,
  // so a search reads only that journal's lists); `search_entries` what the journal's index said of
  // each entry (day, authors, in the bin); `search_docs` the stored version of each document the
  // index last read, so a start catches up on what changed while it was not running.
  `
  CREATE TABLE search_rows (
    id INTEGER PRIMARY KEY,
    journal_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    part TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('entry', 'answer', 'note', 'comment')),
    entry_id TEXT,
    link TEXT NOT NULL,
    authors TEXT NOT NULL,
    author_ids TEXT NOT NULL,
    owner_id TEXT,
    access_doc TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    day TEXT NOT NULL,
    at INTEGER NOT NULL,
    UNIQUE (doc, part)
  );
  CREATE INDEX search_rows_by_entry ON search_rows(journal_id, entry_id) WHERE entry_id IS NOT NULL;
  CREATE INDEX search_rows_by_kind ON search_rows(journal_id, kind);
  CREATE VIRTUAL TABLE search_text USING fts5(scope, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
  CREATE TABLE search_entries (
    journal_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    day TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    authors TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    PRIMARY KEY (journal_id, entry_id)
  ) WITHOUT ROWID;
  CREATE TABLE search_docs (
    doc TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // Step 6 (accounts, docs/design/accounts.md; steps 4 and 5 are photos and search): password reset
  // tokens (hashed, one hour), and what the list of signed-in devices shows of each session.
  `
  CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX password_resets_by_user ON password_resets(user_id);
  ALTER TABLE sessions ADD COLUMN created_at INTEGER;
  ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
  ALTER TABLE sessions ADD COLUMN device TEXT;
  CREATE INDEX sessions_by_user ON sessions(user_id);
  `,
];
