import type Database from 'better-sqlite3';
import type { SearchKind } from '#shared/api/searchTypes.js';
import type { QueryTerm } from '#shared/search/queryTerms.js';
import {
  BadCursorError,
  type IndexedEntry,
  type IndexedRow,
  MATCH_END,
  MATCH_START,
  type RowPatch,
  type SearchIndex,
  type SearchRequest,
  type StoredHit,
} from './SearchIndex.js';

type Row = Record<string, unknown>;

/** Words either side of a match in a snippet (FTS5 counts tokens). */
const SNIPPET_TOKENS = 24;
const MARKERS = new RegExp(`[${MATCH_START}${MATCH_END}]`, 'g');

/** The journal as one FTS5 token: hex, since the tokenizer folds case and splits at `-` and `_`. */
const scopeOf = (journalId: string) => `j${Buffer.from(journalId, 'utf8').toString('hex')}`;
/** Indexed text never holds the match markers, so no one's words can fake a highlight. */
const clean = (text: string) => text.replace(MARKERS, '');
const authorIds = (authors: readonly { id: string }[]) => `,${authors.map((a) => a.id).join(',')},`;

/**
 * The FTS5 expression for a parsed query. Every word is quoted (words hold
 * only letters, digits and marks, so no quote can end one early), so nothing
 * a person types is read as FTS5 syntax; the journal's token comes first.
 */
export function ftsExpression(journalId: string, terms: readonly QueryTerm[]): string {
  const parts = terms.map((term) => `"${term.words.join(' ')}"${term.prefix ? ' *' : ''}`);
  return `scope : "${scopeOf(journalId)}" AND {title body} : (${parts.join(' AND ')})`;
}

function encodeCursor(day: string, at: number, id: number): string {
  return Buffer.from(`${day}|${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { day: string; at: number; id: number } {
  const match = /^(\d{4}-\d{2}-\d{2})\|(-?\d{1,16})\|(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BadCursorError('That page of results is not one search gave.');
  return { day: match[1], at: Number(match[2]), id: Number(match[3]) };
}

/**
 * Search on SQLite's FTS5, in the same database as the documents (migration
 * 5 in sqliteSchema.ts), so the catch-up at start can compare what the index
 * has read with what is stored without reading any document.
 */
export class SqliteSearchIndex implements SearchIndex {
  private readonly statements;
  /** Search statements by their SQL (the filters asked for make a handful of shapes). */
  private readonly queries = new Map<string, Database.Statement>();
  private readonly synchronous: number;

  constructor(private readonly db: Database.Database) {
    this.synchronous = db.pragma('synchronous', { simple: true }) as number;
    this.statements = {
      storedVersion: db.prepare(
        `SELECT MAX(v) AS version FROM (SELECT MAX(seq) AS v FROM doc_updates WHERE doc = @doc
           UNION ALL SELECT through_seq AS v FROM doc_snapshots WHERE doc = @doc)`,
      ),
      // Per document, its newest stored update or snapshot against what the index last read: only
      // sequence numbers are read (doc_updates' index on (doc, seq) answers MAX per document).
      stale: db.prepare(
        `SELECT v.doc AS doc, MAX(v.seq) AS version FROM (
           SELECT doc, MAX(seq) AS seq FROM doc_updates GROUP BY doc
           UNION ALL SELECT doc, through_seq AS seq FROM doc_snapshots) v
         LEFT JOIN search_docs s ON s.doc = v.doc
         GROUP BY v.doc HAVING MAX(v.seq) > COALESCE(MAX(s.version), 0)`,
      ),
      recordVersion: db.prepare(
        'INSERT INTO search_docs (doc, version) VALUES (?, ?) ON CONFLICT(doc) DO UPDATE SET version = MAX(version, excluded.version)',
      ),
      rowsOfDoc: db.prepare(
        `SELECT r.id, r.part, r.kind, r.entry_id, r.link, r.authors, r.owner_id, r.access_doc, r.deleted, r.day, r.at, t.title, t.body
         FROM search_rows r JOIN search_text t ON t.rowid = r.id WHERE r.doc = ?`,
      ),
      insertRow: db.prepare(
        `INSERT INTO search_rows (journal_id, doc, part, kind, entry_id, link, authors, author_ids, owner_id, access_doc, deleted, day, at)
         VALUES (@journalId, @doc, @part, @kind, @entryId, @link, @authors, @authorIds, @ownerId, @accessDoc, @deleted, @day, @at)`,
      ),
      updateRow: db.prepare(
        `UPDATE search_rows SET kind = @kind, entry_id = @entryId, link = @link, authors = @authors, author_ids = @authorIds,
           owner_id = @ownerId, access_doc = @accessDoc, deleted = @deleted, day = @day, at = @at WHERE id = @id`,
      ),
      deleteRow: db.prepare('DELETE FROM search_rows WHERE id = ?'),
      // better-sqlite3 binds a JS number as a REAL, and FTS5 ignores a `rowid = ?` beside a MATCH
      // when the value is not an INTEGER (it answered the first match instead): every rowid is cast.
      insertText: db.prepare('INSERT INTO search_text (rowid, scope, title, body) VALUES (CAST(? AS INTEGER), ?, ?, ?)'),
      deleteText: db.prepare('DELETE FROM search_text WHERE rowid = CAST(? AS INTEGER)'),
      textOf: db.prepare('SELECT title, body FROM search_text WHERE rowid = CAST(? AS INTEGER)'),
      entry: db.prepare('SELECT day, created_at, authors, deleted FROM search_entries WHERE journal_id = ? AND entry_id = ?'),
      upsertEntry: db.prepare(
        `INSERT INTO search_entries (journal_id, entry_id, day, created_at, authors, deleted) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(journal_id, entry_id) DO UPDATE SET day = excluded.day, created_at = excluded.created_at,
           authors = excluded.authors, deleted = excluded.deleted`,
      ),
      entryRowFacts: db.prepare(
        `UPDATE search_rows SET day = @day, at = @at, authors = @authors, author_ids = @authorIds, deleted = @deleted
         WHERE journal_id = @journalId AND entry_id = @entryId AND kind = 'entry'`,
      ),
      entryCommentsDeleted: db.prepare(
        `UPDATE search_rows SET deleted = @deleted WHERE journal_id = @journalId AND entry_id = @entryId AND kind = 'comment'`,
      ),
      rowOfDoc: db.prepare("SELECT id, journal_id FROM search_rows WHERE doc = ? AND part = ''"),
      setDay: db.prepare('UPDATE search_rows SET day = ? WHERE id = ?'),
      rowsOfKind: db.prepare(
        `SELECT r.doc, t.title, r.day FROM search_rows r JOIN search_text t ON t.rowid = r.id
         WHERE r.journal_id = ? AND r.kind = ? AND r.part = ''`,
      ),
      marked: db.prepare(
        `SELECT highlight(search_text, 1, '${MATCH_START}', '${MATCH_END}') AS title,
                snippet(search_text, 2, '${MATCH_START}', '${MATCH_END}', '…', ${SNIPPET_TOKENS}) AS snippet
         FROM search_text WHERE search_text MATCH ? AND rowid = CAST(? AS INTEGER)`,
      ),
    };
  }

  async storedVersion(doc: string): Promise<number> {
    return ((this.statements.storedVersion.get({ doc }) as Row).version as number | null) ?? 0;
  }

  async staleDocuments(): Promise<{ doc: string; version: number }[]> {
    return this.statements.stale.all() as { doc: string; version: number }[];
  }

  /**
   * Runs an index write without waiting for the disk: the index is derived
   * from the documents, and a write lost to a power cut loses its version
   * with it (one transaction), so the next start's catch-up redoes it. The
   * next document write, at the connection's own setting, makes it durable.
   * better-sqlite3 is synchronous, so no document write runs in between.
   */
  private derived(run: () => void): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      run();
    } finally {
      this.db.pragma(`synchronous = ${this.synchronous}`);
    }
  }

  private readonly writeTx = (doc: string, version: number, rows: readonly IndexedRow[]) =>
    this.db.transaction(() => {
      const existing = new Map<string, Row>();
      for (const row of this.statements.rowsOfDoc.all(doc) as Row[]) existing.set(row.part as string, row);
      for (const given of rows) {
        const row = this.withEntryFacts(given);
        const values = {
          journalId: row.journalId,
          doc,
          part: row.part,
          kind: row.kind,
          entryId: row.entryId,
          link: row.link,
          authors: JSON.stringify(row.authors),
          authorIds: authorIds(row.authors),
          ownerId: row.ownerId,
          accessDoc: row.accessDoc,
          deleted: row.deleted ? 1 : 0,
          day: row.day,
          at: row.at,
        };
        const title = clean(row.title);
        const body = clean(row.body);
        const old = existing.get(row.part);
        existing.delete(row.part);
        if (!old) {
          const id = Number(this.statements.insertRow.run(values).lastInsertRowid);
          this.statements.insertText.run(id, scopeOf(row.journalId), title, body);
          continue;
        }
        const id = old.id as number;
        const sameFacts = (['kind', 'link', 'authors', 'day', 'at'] as const).every((k) => old[k] === values[k]) &&
          old.entry_id === values.entryId && old.owner_id === values.ownerId && old.access_doc === values.accessDoc && old.deleted === values.deleted;
        if (!sameFacts) this.statements.updateRow.run({ ...values, id });
        if (old.title !== title || old.body !== body) {
          this.statements.deleteText.run(id);
          this.statements.insertText.run(id, scopeOf(row.journalId), title, body);
        }
      }
      for (const gone of existing.values()) {
        this.statements.deleteText.run(gone.id);
        this.statements.deleteRow.run(gone.id);
      }
      this.statements.recordVersion.run(doc, version);
    })();

  /** An entry's row takes its day, authors and bin state from the journal's index, when the index has been read. */
  private withEntryFacts(row: IndexedRow): IndexedRow & { deleted: boolean } {
    if (row.entryId === null) return { ...row, deleted: false };
    const entry = this.statements.entry.get(row.journalId, row.entryId) as Row | undefined;
    if (!entry) return { ...row, deleted: false };
    const deleted = entry.deleted === 1;
    if (row.kind !== 'entry') return { ...row, deleted };
    return { ...row, day: entry.day as string, at: entry.created_at as number, authors: JSON.parse(entry.authors as string), deleted };
  }

  /**
   * Takes every row of these documents and journals out of the index, and what it knew of them, so
   * nothing of what an account deletion removed stays readable here (their words are in the FTS tables).
   */
  async forget(docs: readonly string[], journals: readonly string[]): Promise<void> {
    // A rare path (an account deletion): its statements are made here, not kept for every start.
    const rowsOfDoc = this.db.prepare('SELECT id FROM search_rows WHERE doc = ?');
    const rowsOfJournal = this.db.prepare('SELECT id FROM search_rows WHERE journal_id = ?');
    const dropDoc = this.db.prepare('DELETE FROM search_docs WHERE doc = ?');
    const dropEntries = this.db.prepare('DELETE FROM search_entries WHERE journal_id = ?');
    const dropDocsOf = this.db.prepare('DELETE FROM search_docs WHERE doc >= ? AND doc < ?');
    this.db.transaction(() => {
      const drop = (ids: Row[]) => {
        for (const { id } of ids) {
          this.statements.deleteText.run(id);
          this.statements.deleteRow.run(id);
        }
      };
      for (const doc of docs) {
        drop(rowsOfDoc.all(doc) as Row[]);
        dropDoc.run(doc);
      }
      for (const journalId of journals) {
        drop(rowsOfJournal.all(journalId) as Row[]);
        dropEntries.run(journalId);
        dropDocsOf.run(`${journalId}/`, `${journalId}0`);
      }
    })();
  }

  async writeDocument(doc: string, version: number, rows: readonly IndexedRow[]): Promise<void> {
    this.derived(() => this.writeTx(doc, version, rows));
  }

  private readonly entriesTx = (indexDoc: string, journalId: string, version: number, entries: readonly IndexedEntry[]) =>
    this.db.transaction(() => {
      for (const entry of entries) {
        const authors = JSON.stringify(entry.authors);
        const deleted = entry.deleted ? 1 : 0;
        const old = this.statements.entry.get(journalId, entry.entryId) as Row | undefined;
        if (old && old.day === entry.day && old.created_at === entry.createdAt && old.authors === authors && old.deleted === deleted) continue;
        this.statements.upsertEntry.run(journalId, entry.entryId, entry.day, entry.createdAt, authors, deleted);
        const facts = { journalId, entryId: entry.entryId, deleted };
        this.statements.entryRowFacts.run({ ...facts, day: entry.day, at: entry.createdAt, authors, authorIds: authorIds(entry.authors) });
        if (!old || old.deleted !== deleted) this.statements.entryCommentsDeleted.run(facts);
      }
      this.statements.recordVersion.run(indexDoc, version);
    })();

  async writeEntries(indexDoc: string, journalId: string, version: number, entries: readonly IndexedEntry[]): Promise<void> {
    this.derived(() => this.entriesTx(indexDoc, journalId, version, entries));
  }

  private readonly patchTx = (fromDoc: string, version: number, patches: readonly RowPatch[]) =>
    this.db.transaction(() => {
      for (const patch of patches) {
        const row = this.statements.rowOfDoc.get(patch.doc) as Row | undefined;
        if (!row) continue;
        const id = row.id as number;
        if (patch.day !== undefined) this.statements.setDay.run(patch.day, id);
        if (patch.title !== undefined) {
          const text = this.statements.textOf.get(id) as Row;
          this.statements.deleteText.run(id);
          this.statements.insertText.run(id, scopeOf(row.journal_id as string), clean(patch.title), text.body);
        }
      }
      this.statements.recordVersion.run(fromDoc, version);
    })();

  async patchRows(fromDoc: string, version: number, patches: readonly RowPatch[]): Promise<void> {
    this.derived(() => this.patchTx(fromDoc, version, patches));
  }

  async rowsOfKind(journalId: string, kind: SearchKind): Promise<{ doc: string; title: string; day: string }[]> {
    return this.statements.rowsOfKind.all(journalId, kind) as { doc: string; title: string; day: string }[];
  }

  async search(request: SearchRequest): Promise<{ hits: StoredHit[]; next: string | null }> {
    const match = ftsExpression(request.journalId, request.terms);
    const where = [
      'search_text MATCH @match',
      'r.journal_id = @journalId',
      'r.deleted = 0',
      // Sealed rows of the other member only once released; mayOpenRoom checks each hit again.
      `(r.owner_id IS NULL OR r.owner_id = @userId OR EXISTS (SELECT 1 FROM doc_releases x
         WHERE x.journal_id = r.journal_id AND x.doc_name = r.access_doc AND x.released_at <= @now))`,
    ];
    const params: Record<string, unknown> = { match, journalId: request.journalId, userId: request.userId, now: request.now, limit: request.limit + 1 };
    if (request.kind) {
      where.push('r.kind = @kind');
      params.kind = request.kind;
    }
    if (request.author) {
      where.push('instr(r.author_ids, @authorKey) > 0');
      params.authorKey = `,${request.author},`;
    }
    if (request.year !== null) {
      where.push('r.day >= @from AND r.day < @to');
      params.from = `${String(request.year).padStart(4, '0')}-01-01`;
      params.to = `${String(request.year + 1).padStart(4, '0')}-01-01`;
    }
    if (request.after) {
      const after = decodeCursor(request.after);
      where.push('(r.day < @cDay OR (r.day = @cDay AND (r.at < @cAt OR (r.at = @cAt AND r.id < @cId))))');
      Object.assign(params, { cDay: after.day, cAt: after.at, cId: after.id });
    }
    // Ordered and cut first; titles and snippets are made only for the page (FTS5 re-reads just those rows).
    const sql = `SELECT r.id, r.kind, r.doc, r.link, r.entry_id, r.owner_id, r.day, r.at, r.authors
         FROM search_text JOIN search_rows r ON r.id = search_text.rowid
         WHERE ${where.join(' AND ')} ORDER BY r.day DESC, r.at DESC, r.id DESC LIMIT @limit`;
    let statement = this.queries.get(sql);
    if (!statement) this.queries.set(sql, (statement = this.db.prepare(sql)));
    const rows = statement.all(params) as Row[];
    const more = rows.length > request.limit;
    const page = more ? rows.slice(0, request.limit) : rows;
    const hits = page.map((row): StoredHit => {
      const marked = (this.statements.marked.get(match, row.id) as Row | undefined) ?? { title: '', snippet: '' };
      return {
        kind: row.kind as SearchKind,
        doc: row.doc as string,
        link: row.link as string,
        entryId: (row.entry_id as string | null) ?? null,
        ownerId: (row.owner_id as string | null) ?? null,
        day: row.day as string,
        authors: JSON.parse(row.authors as string),
        markedTitle: (marked.title as string) ?? '',
        markedSnippet: (marked.snippet as string) ?? '',
      };
    });
    const last = page[page.length - 1];
    return { hits, next: more && last ? encodeCursor(last.day as string, last.at as number, last.id as number) : null };
  }
}
