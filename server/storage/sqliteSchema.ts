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
];
