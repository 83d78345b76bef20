import type Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type AcceptInviteResult,
  type AccountRemoval,
  EmailTakenError,
  type Invite,
  type Journal,
  type Member,
  type MemberRole,
  type NewSession,
  type PasswordReset,
  type RedeemResetResult,
  type SessionInfo,
  type SessionRecord,
  type User,
} from './AccountStore.js';
import { SqliteAccountLifecycle, prefixEnd } from './SqliteAccountLifecycle.js';
import type { PendingUpdate, StoredDoc } from './DocStore.js';
import { openSqliteDatabase } from './openSqliteDatabase.js';
import { sqliteMigrations } from './sqliteSchema.js';
import { SqliteRitualStore } from './SqliteRitualStore.js';
import type { RitualStore } from './RitualStore.js';
import type { PhotoStore } from './PhotoStore.js';
import { SqlitePhotoStore } from './SqlitePhotoStore.js';
import type { SearchIndex } from './SearchIndex.js';
import { SqliteSearchIndex } from './SqliteSearchIndex.js';
import type { Storage } from './Storage.js';

type Row = Record<string, unknown>;

function toUser(row: Row): User {
  return {
    id: row.id as string,
    name: row.name as string,
    email: row.email as string,
    passwordHash: row.password_hash as string,
    createdAt: row.created_at as number,
  };
}

function toJournal(row: Row): Journal {
  return {
    id: row.id as string,
    title: row.title as string,
    ownerId: row.owner_id as string,
    maxMembers: row.max_members as number,
    createdAt: row.created_at as number,
  };
}

function toInvite(row: Row): Invite {
  return {
    id: row.id as string,
    journalId: row.journal_id as string,
    createdBy: row.created_by as string,
    createdAt: row.created_at as number,
    expiresAt: row.expires_at as number,
    usedAt: (row.used_at as number | null) ?? null,
    usedBy: (row.used_by as string | null) ?? null,
    revokedAt: (row.revoked_at as number | null) ?? null,
  };
}

const asBytes = (value: unknown) => new Uint8Array(value as Buffer);

/**
 * The embedded backend: one SQLite file in WAL mode. better-sqlite3 is
 * synchronous, so a batch of updates is one short transaction on the event
 * loop; `synchronous = FULL` makes each commit survive power loss, and
 * grouping updates (see WriteBatcher) keeps that affordable.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly statements;
  readonly rituals: RitualStore;
  readonly photos: PhotoStore;
  /** A photo folder of its own for an in-memory database (tests), removed at close. */
  private readonly scratchPhotos: string | null;
  readonly search: SearchIndex;
  private readonly lifecycle: SqliteAccountLifecycle;

  /**
   * Throws `SqliteOpenError` when another process has the file or it is damaged (see openSqliteDatabase).
   * Photo files live in `photos/` beside the file (for `:memory:`, a temp folder removed at close).
   */
  constructor(file: string) {
    this.db = openSqliteDatabase(file);
    // What is deleted is overwritten with zeros rather than left in free pages: a deleted account's
    // email, a changed password's hash and compacted history must not stay readable in the file.
    this.db.pragma('secure_delete = ON');
    this.migrate();
    this.rituals = new SqliteRitualStore(this.db);
    const memory = file === ':memory:';
    this.scratchPhotos = memory ? join(tmpdir(), `duet-photos-${process.pid}-${Math.random().toString(36).slice(2)}`) : null;
    this.photos = new SqlitePhotoStore(this.db, this.scratchPhotos ?? join(dirname(file), 'photos'));
    this.search = new SqliteSearchIndex(this.db);
    this.lifecycle = new SqliteAccountLifecycle(this.db);
    const db = this.db;
    this.statements = {
      snapshot: db.prepare('SELECT state, through_seq FROM doc_snapshots WHERE doc = ?'),
      updatesAfter: db.prepare('SELECT seq, data FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq'),
      insertUpdate: db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
      upsertSnapshot: db.prepare(
        'INSERT INTO doc_snapshots (doc, state, through_seq) VALUES (?, ?, ?) ON CONFLICT(doc) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq',
      ),
      deleteUpdatesThrough: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
      owners: db.prepare('SELECT client, user_id FROM doc_client_owners WHERE doc = ?'),
      // A name range rather than LIKE, so both tables' indexes on `doc` are used.
      usage: db.prepare(
        `SELECT COUNT(DISTINCT doc) AS docs, COALESCE(SUM(n), 0) AS bytes FROM (
           SELECT doc, length(data) AS n FROM doc_updates WHERE doc >= @from AND doc < @to
           UNION ALL SELECT doc, length(state) AS n FROM doc_snapshots WHERE doc >= @from AND doc < @to)`,
      ),
      insertOwner: db.prepare('INSERT OR IGNORE INTO doc_client_owners (doc, client, user_id) VALUES (?, ?, ?)'),
      insertUser: db.prepare('INSERT INTO users (id, name, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
      userByEmail: db.prepare('SELECT * FROM users WHERE email = ?'),
      userById: db.prepare('SELECT * FROM users WHERE id = ?'),
      sessionByHash: db.prepare('SELECT id, user_id, expires_at, last_seen_at FROM sessions WHERE token_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ? RETURNING id, user_id, expires_at'),
      insertJournal: db.prepare('INSERT INTO journals (id, title, owner_id, max_members, created_at) VALUES (?, ?, ?, ?, ?)'),
      insertMember: db.prepare('INSERT INTO memberships (journal_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)'),
      journalById: db.prepare('SELECT * FROM journals WHERE id = ?'),
      journalsOf: db.prepare(
        'SELECT j.*, m.role FROM journals j JOIN memberships m ON m.journal_id = j.id WHERE m.user_id = ? ORDER BY j.created_at DESC',
      ),
      members: db.prepare(
        'SELECT m.user_id, u.name, m.role, m.joined_at FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.journal_id = ? ORDER BY m.joined_at',
      ),
      memberCount: db.prepare('SELECT COUNT(*) AS n FROM memberships WHERE journal_id = ?'),
      role: db.prepare('SELECT role FROM memberships WHERE journal_id = ? AND user_id = ?'),
      removeMember: db.prepare(
        'DELETE FROM memberships WHERE journal_id = @journalId AND user_id = @userId AND (SELECT COUNT(*) FROM memberships WHERE journal_id = @journalId) > 1',
      ),
      insertInvite: db.prepare(
        'INSERT INTO invites (id, token_hash, journal_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      inviteByHash: db.prepare('SELECT * FROM invites WHERE token_hash = ?'),
      openInvites: db.prepare(
        'SELECT * FROM invites WHERE journal_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC',
      ),
      revokeInvite: db.prepare(
        'UPDATE invites SET revoked_at = ? WHERE journal_id = ? AND id = ? AND used_at IS NULL AND revoked_at IS NULL',
      ),
      revokeInvitesBy: db.prepare(
        'UPDATE invites SET revoked_at = ? WHERE journal_id = ? AND created_by = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?',
      ),
      useInvite: db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL'),
    };
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < sqliteMigrations.length; v++) {
      this.db.transaction(() => {
        this.db.exec(sqliteMigrations[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  async loadDoc(doc: string): Promise<StoredDoc> {
    const snap = this.statements.snapshot.get(doc) as Row | undefined;
    const throughSeq = (snap?.through_seq as number | undefined) ?? 0;
    const rows = this.statements.updatesAfter.all(doc, throughSeq) as Row[];
    const owners = new Map<number, string>();
    for (const r of this.statements.owners.all(doc) as Row[]) owners.set(Number(r.client), r.user_id as string);
    return {
      snapshot: snap ? asBytes(snap.state) : null,
      updates: rows.map((r) => asBytes(r.data)),
      lastSeq: rows.length > 0 ? (rows[rows.length - 1].seq as number) : throughSeq,
      owners,
    };
  }

  private readonly appendTx = (batch: readonly PendingUpdate[]) =>
    this.db.transaction(() =>
      batch.map((u) => {
        for (const [client, userId] of u.owners ?? []) this.statements.insertOwner.run(u.doc, client, userId);
        return Number(this.statements.insertUpdate.run(u.doc, Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength)).lastInsertRowid);
      }),
    )();

  async appendUpdates(batch: readonly PendingUpdate[]): Promise<number[]> {
    return this.appendTx(batch);
  }

  async compactDoc(doc: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.statements.upsertSnapshot.run(doc, Buffer.from(snapshot), throughSeq);
      this.statements.deleteUpdatesThrough.run(doc, throughSeq);
    })();
  }

  async usage(prefix: string): Promise<{ bytes: number; docs: number }> {
    // Every name that starts with `prefix` sorts between it and the prefix with its last character raised.
    const row = this.statements.usage.get({ from: prefix, to: prefixEnd(prefix) }) as { docs: number; bytes: number };
    return { bytes: row.bytes, docs: row.docs };
  }

  async createUser(user: User): Promise<void> {
    try {
      this.statements.insertUser.run(user.id, user.name, user.email, user.passwordHash, user.createdAt);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError();
      throw error;
    }
  }

  async findUserByEmail(email: string): Promise<User | null> {
    const row = this.statements.userByEmail.get(email) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async findUserById(id: string): Promise<User | null> {
    const row = this.statements.userById.get(id) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async createSession(session: NewSession): Promise<void> {
    this.lifecycle.createSession(session);
  }

  async findSession(tokenHash: string): Promise<(SessionRecord & { lastSeenAt: number | null }) | null> {
    const row = this.statements.sessionByHash.get(tokenHash) as Row | undefined;
    if (!row) return null;
    return { id: row.id as string, userId: row.user_id as string, expiresAt: row.expires_at as number, lastSeenAt: (row.last_seen_at as number | null) ?? null };
  }

  async deleteSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = this.statements.deleteSession.get(tokenHash) as Row | undefined;
    return row ? { id: row.id as string, userId: row.user_id as string, expiresAt: row.expires_at as number } : null;
  }

  async createJournal(journal: Journal): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertJournal.run(journal.id, journal.title, journal.ownerId, journal.maxMembers, journal.createdAt);
      this.statements.insertMember.run(journal.id, journal.ownerId, 'owner', journal.createdAt);
    })();
  }

  async getJournal(id: string): Promise<Journal | null> {
    const row = this.statements.journalById.get(id) as Row | undefined;
    return row ? toJournal(row) : null;
  }

  async listJournalsOf(userId: string): Promise<(Journal & { role: MemberRole })[]> {
    return (this.statements.journalsOf.all(userId) as Row[]).map((r) => ({ ...toJournal(r), role: r.role as MemberRole }));
  }

  async listMembers(journalId: string): Promise<Member[]> {
    return (this.statements.members.all(journalId) as Row[]).map((r) => ({
      userId: r.user_id as string,
      name: r.name as string,
      role: r.role as MemberRole,
      joinedAt: r.joined_at as number,
    }));
  }

  async getRole(journalId: string, userId: string): Promise<MemberRole | null> {
    const row = this.statements.role.get(journalId, userId) as Row | undefined;
    return row ? (row.role as MemberRole) : null;
  }

  async removeMember(journalId: string, userId: string): Promise<boolean> {
    return this.statements.removeMember.run({ journalId, userId }).changes > 0;
  }

  async createInvite(invite: Invite & { tokenHash: string }): Promise<void> {
    this.statements.insertInvite.run(invite.id, invite.tokenHash, invite.journalId, invite.createdBy, invite.createdAt, invite.expiresAt);
  }

  async findInviteByTokenHash(tokenHash: string): Promise<Invite | null> {
    const row = this.statements.inviteByHash.get(tokenHash) as Row | undefined;
    return row ? toInvite(row) : null;
  }

  async listOpenInvites(journalId: string, now: number): Promise<Invite[]> {
    return (this.statements.openInvites.all(journalId, now) as Row[]).map(toInvite);
  }

  async revokeInvite(journalId: string, inviteId: string, now: number): Promise<boolean> {
    return this.statements.revokeInvite.run(now, journalId, inviteId).changes > 0;
  }

  async revokeInvitesBy(journalId: string, userId: string, now: number): Promise<number> {
    return this.statements.revokeInvitesBy.run(now, journalId, userId, now).changes;
  }

  async acceptInvite(tokenHash: string, userId: string, now: number): Promise<AcceptInviteResult> {
    return this.db.transaction((): AcceptInviteResult => {
      const row = this.statements.inviteByHash.get(tokenHash) as Row | undefined;
      if (!row) return { ok: false, reason: 'unknown' };
      const invite = toInvite(row);
      if (this.statements.role.get(invite.journalId, userId)) {
        return { ok: true, journalId: invite.journalId, alreadyMember: true };
      }
      if (invite.revokedAt !== null) return { ok: false, reason: 'revoked' };
      if (invite.usedAt !== null) return { ok: false, reason: 'used' };
      if (invite.expiresAt <= now) return { ok: false, reason: 'expired' };
      const journal = toJournal(this.statements.journalById.get(invite.journalId) as Row);
      const { n } = this.statements.memberCount.get(invite.journalId) as { n: number };
      if (n >= journal.maxMembers) return { ok: false, reason: 'full' };
      this.statements.useInvite.run(now, userId, invite.id);
      this.statements.insertMember.run(invite.journalId, userId, 'member', now);
      return { ok: true, journalId: invite.journalId, alreadyMember: false };
    })();
  }

  /** The quota counts' statements, prepared on first use (apart from the constructor's list). */
  private quotaQueries: ReturnType<SqliteStorage['prepareQuotaQueries']> | null = null;

  private prepareQuotaQueries() {
    // Through memberships (indexed by user): partners are equals, so either member's invites count for them.
    // A member who leaves has their open invites revoked (journalRoutes), so nothing open escapes the count.
    const ownInvites = 'FROM memberships m JOIN invites i ON i.journal_id = m.journal_id WHERE m.user_id = ? AND i.created_by = m.user_id';
    return {
      journalsStarted: this.db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE user_id = ? AND role = 'owner'"),
      openInvitesBy: this.db.prepare(`SELECT COUNT(*) AS n ${ownInvites} AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?`),
      inviteTimesSince: this.db.prepare(`SELECT i.created_at ${ownInvites} AND i.created_at > ? ORDER BY i.created_at`),
    };
  }

  private get quotas() {
    this.quotaQueries ??= this.prepareQuotaQueries();
    return this.quotaQueries;
  }

  async countJournalsStartedBy(userId: string): Promise<number> {
    return (this.quotas.journalsStarted.get(userId) as { n: number }).n;
  }

  async countOpenInvitesBy(userId: string, now: number): Promise<number> {
    return (this.quotas.openInvitesBy.get(userId, now) as { n: number }).n;
  }

  async inviteTimesSince(userId: string, since: number): Promise<number[]> {
    return (this.quotas.inviteTimesSince.all(userId, since) as Row[]).map((r) => r.created_at as number);
  }

  async listSessions(userId: string): Promise<SessionInfo[]> {
    return this.lifecycle.listSessions(userId);
  }

  async touchSession(sessionId: string, at: number): Promise<void> {
    this.lifecycle.touchSession(sessionId, at);
  }

  async endSession(userId: string, sessionId: string): Promise<boolean> {
    return this.lifecycle.endSession(userId, sessionId);
  }

  async endSessionsOf(userId: string, keep: string | null): Promise<string[]> {
    return this.lifecycle.endSessionsOf(userId, keep);
  }

  async renameUser(userId: string, name: string): Promise<void> {
    this.lifecycle.renameUser(userId, name);
  }

  async changeEmail(userId: string, email: string): Promise<void> {
    this.lifecycle.changeEmail(userId, email);
  }

  async changePassword(userId: string, passwordHash: string, keep: string | null): Promise<string[]> {
    return this.lifecycle.changePassword(userId, passwordHash, keep);
  }

  async createPasswordReset(reset: PasswordReset, now: number): Promise<void> {
    this.lifecycle.createPasswordReset(reset, now);
  }

  async findPasswordReset(tokenHash: string, now: number): Promise<PasswordReset | null> {
    return this.lifecycle.findPasswordReset(tokenHash, now);
  }

  async redeemPasswordReset(tokenHash: string, passwordHash: string, now: number): Promise<RedeemResetResult> {
    return this.lifecycle.redeemPasswordReset(tokenHash, passwordHash, now);
  }

  async deleteAccount(removal: AccountRemoval): Promise<void> {
    this.lifecycle.deleteAccount(removal);
    // The search index holds the words of what was removed (an answer not yet revealed, a lone journal).
    await this.search.forget(removal.docs, removal.journals);
  }

  async listDocs(prefix: string): Promise<string[]> {
    return this.lifecycle.listDocs(prefix);
  }

  /**
   * Copies the database to `file` with SQLite's online backup, in steps between this process's own
   * writes (they go through the same connection, so the copy follows them): the copy is consistent,
   * as of the moment it finishes. Only this process can read the database while it holds the lock,
   * so backups of a running server come through here (server/backup/).
   */
  async backupTo(file: string): Promise<void> {
    await this.db.backup(file);
  }

  async close(): Promise<void> {
    this.db.close();
    if (this.scratchPhotos) rmSync(this.scratchPhotos, { recursive: true, force: true });
  }
}
