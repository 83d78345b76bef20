import type Database from 'better-sqlite3';
import { type AccountRemoval, EmailTakenError, type NewSession, type PasswordReset, type RedeemResetResult, type SessionInfo } from './AccountStore.js';

type Row = Record<string, unknown>;

/** The end of the name range that holds every name starting with `prefix` (its last character raised). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * What SQLite does for account settings, password resets and deleting an account
 * (docs/design/accounts.md). SqliteStorage answers the AccountStore methods through it.
 */
export class SqliteAccountLifecycle {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      insertSession: db.prepare(
        'INSERT INTO sessions (token_hash, id, user_id, expires_at, created_at, last_seen_at, device) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      sessionsOf: db.prepare(
        'SELECT id, created_at, last_seen_at, device, expires_at FROM sessions WHERE user_id = ? ORDER BY COALESCE(last_seen_at, created_at, 0) DESC, id',
      ),
      touch: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
      endOne: db.prepare('DELETE FROM sessions WHERE user_id = ? AND id = ?'),
      endAllBut: db.prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ? RETURNING id'),
      rename: db.prepare('UPDATE users SET name = ? WHERE id = ?'),
      email: db.prepare('UPDATE users SET email = ? WHERE id = ?'),
      password: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
      insertReset: db.prepare('INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      dropExpiredResets: db.prepare('DELETE FROM password_resets WHERE user_id = ? AND expires_at <= ?'),
      reset: db.prepare('SELECT * FROM password_resets WHERE token_hash = ? AND expires_at > ?'),
      dropResetsOf: db.prepare('DELETE FROM password_resets WHERE user_id = ?'),
      docs: db.prepare(
        'SELECT doc FROM doc_snapshots WHERE doc >= @from AND doc < @to UNION SELECT DISTINCT doc FROM doc_updates WHERE doc >= @from AND doc < @to ORDER BY doc',
      ),
      // Removing documents: one name, or a name range (a whole journal).
      dropSnapshot: db.prepare('DELETE FROM doc_snapshots WHERE doc = ?'),
      dropUpdates: db.prepare('DELETE FROM doc_updates WHERE doc = ?'),
      dropOwners: db.prepare('DELETE FROM doc_client_owners WHERE doc = ?'),
      dropRelease: db.prepare('DELETE FROM doc_releases WHERE journal_id = ? AND doc_name = ?'),
      dropSnapshots: db.prepare('DELETE FROM doc_snapshots WHERE doc >= ? AND doc < ?'),
      dropUpdateRange: db.prepare('DELETE FROM doc_updates WHERE doc >= ? AND doc < ?'),
      dropOwnerRange: db.prepare('DELETE FROM doc_client_owners WHERE doc >= ? AND doc < ?'),
      dropJournal: db.prepare('DELETE FROM journals WHERE id = ?'),
      // A journal the person started passes to the member who joined first after them.
      heirOf: db.prepare('SELECT user_id FROM memberships WHERE journal_id = ? AND user_id <> ? ORDER BY joined_at LIMIT 1'),
      ownedBy: db.prepare('SELECT id FROM journals WHERE owner_id = ?'),
      setOwner: db.prepare('UPDATE journals SET owner_id = ? WHERE id = ?'),
      setOwnerRole: db.prepare("UPDATE memberships SET role = 'owner' WHERE journal_id = ? AND user_id = ?"),
      dropWaitingNotes: db.prepare('DELETE FROM note_deliveries WHERE from_user = ? AND delivered_at IS NULL'),
      dropSealedAnswers: db.prepare(
        'DELETE FROM day_answers WHERE user_id = ? AND NOT EXISTS (SELECT 1 FROM day_reveals r WHERE r.journal_id = day_answers.journal_id AND r.day = day_answers.day)',
      ),
      dropInvitesBy: db.prepare('DELETE FROM invites WHERE created_by = ?'),
      forgetInviteUse: db.prepare('UPDATE invites SET used_by = NULL WHERE used_by = ?'),
      dropUser: db.prepare('DELETE FROM users WHERE id = ?'),
    };
  }

  createSession(session: NewSession): void {
    const createdAt = session.createdAt ?? null;
    this.q.insertSession.run(session.tokenHash, session.id, session.userId, session.expiresAt, createdAt, createdAt, session.device ?? null);
  }

  listSessions(userId: string): SessionInfo[] {
    return (this.q.sessionsOf.all(userId) as Row[]).map((r) => ({
      id: r.id as string,
      createdAt: (r.created_at as number | null) ?? null,
      lastSeenAt: (r.last_seen_at as number | null) ?? null,
      device: (r.device as string | null) ?? null,
      expiresAt: r.expires_at as number,
    }));
  }

  touchSession(sessionId: string, at: number): void {
    this.q.touch.run(at, sessionId);
  }

  endSession(userId: string, sessionId: string): boolean {
    return this.q.endOne.run(userId, sessionId).changes > 0;
  }

  endSessionsOf(userId: string, keep: string | null): string[] {
    return (this.q.endAllBut.all(userId, keep) as Row[]).map((r) => r.id as string);
  }

  renameUser(userId: string, name: string): void {
    this.q.rename.run(name, userId);
  }

  changeEmail(userId: string, email: string): void {
    try {
      // Reset links mailed to the old address die with it: people change their email when they lose that inbox.
      this.db.transaction(() => {
        this.q.email.run(email, userId);
        this.q.dropResetsOf.run(userId);
      })();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError();
      throw error;
    }
  }

  changePassword(userId: string, passwordHash: string, keep: string | null): string[] {
    return this.db.transaction(() => {
      this.q.password.run(passwordHash, userId);
      // A reset link sent before the change would undo it.
      this.q.dropResetsOf.run(userId);
      return this.endSessionsOf(userId, keep);
    })();
  }

  createPasswordReset(reset: PasswordReset, now: number): void {
    this.db.transaction(() => {
      this.q.dropExpiredResets.run(reset.userId, now);
      this.q.insertReset.run(reset.tokenHash, reset.userId, reset.createdAt, reset.expiresAt);
    })();
  }

  findPasswordReset(tokenHash: string, now: number): PasswordReset | null {
    const row = this.q.reset.get(tokenHash, now) as Row | undefined;
    return row ? { tokenHash, userId: row.user_id as string, createdAt: row.created_at as number, expiresAt: row.expires_at as number } : null;
  }

  redeemPasswordReset(tokenHash: string, passwordHash: string, now: number): RedeemResetResult {
    return this.db.transaction((): RedeemResetResult => {
      const reset = this.findPasswordReset(tokenHash, now);
      if (!reset) return { ok: false };
      this.q.password.run(passwordHash, reset.userId);
      this.q.dropResetsOf.run(reset.userId);
      return { ok: true, userId: reset.userId, endedSessions: this.endSessionsOf(reset.userId, null) };
    })();
  }

  listDocs(prefix: string): string[] {
    return (this.q.docs.all({ from: prefix, to: prefixEnd(prefix) }) as Row[]).map((r) => r.doc as string);
  }

  deleteAccount(removal: AccountRemoval): void {
    const { userId } = removal;
    this.db.transaction(() => {
      for (const doc of removal.docs) {
        this.q.dropSnapshot.run(doc);
        this.q.dropUpdates.run(doc);
        this.q.dropOwners.run(doc);
        const slash = doc.indexOf('/');
        if (slash > 0) this.q.dropRelease.run(doc.slice(0, slash), doc.slice(slash + 1));
      }
      for (const journalId of removal.journals) {
        const from = `${journalId}/`;
        this.q.dropSnapshots.run(from, prefixEnd(from));
        this.q.dropUpdateRange.run(from, prefixEnd(from));
        this.q.dropOwnerRange.run(from, prefixEnd(from));
        // Memberships, invites, the rhythm, answers, notes and releases go with it (ON DELETE CASCADE).
        this.q.dropJournal.run(journalId);
      }
      for (const row of this.q.ownedBy.all(userId) as Row[]) {
        const journalId = row.id as string;
        const heir = this.q.heirOf.get(journalId, userId) as Row | undefined;
        // A journal with nobody else in it should have been named in `journals`; it cannot outlive its owner.
        if (!heir) throw new Error(`journal ${journalId} would be left without members`);
        this.q.setOwner.run(heir.user_id, journalId);
        this.q.setOwnerRole.run(journalId, heir.user_id);
      }
      this.q.dropWaitingNotes.run(userId);
      this.q.dropSealedAnswers.run(userId);
      this.q.dropInvitesBy.run(userId);
      this.q.forgetInviteUse.run(userId);
      // Sessions, reset tokens and memberships go with the account (ON DELETE CASCADE).
      this.q.dropUser.run(userId);
    })();
    // The write-ahead log still holds the pages as they were before: fold it into the database
    // (where secure_delete has zeroed what was removed) and empty it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
