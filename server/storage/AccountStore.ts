export interface User {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  createdAt: number;
}

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: number;
}

/** What a new session records about itself, for the list of signed-in devices. */
export interface NewSession extends SessionRecord {
  tokenHash: string;
  createdAt?: number;
  /** A short label from the User-Agent ("Firefox on Linux"); never the raw header. */
  device?: string | null;
}

/** One signed-in device as its owner sees it; times are null for sessions made before they were recorded. */
export interface SessionInfo {
  id: string;
  createdAt: number | null;
  lastSeenAt: number | null;
  device: string | null;
  expiresAt: number;
}

/** A password reset waiting to be used; the token itself is never stored. */
export interface PasswordReset {
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

/** The outcome of using a reset token, decided in one transaction. */
export type RedeemResetResult = { ok: true; userId: string; endedSessions: string[] } | { ok: false };

/**
 * What deleting an account removes besides the account itself (docs/design/accounts.md). The
 * caller names the documents; the store removes them, and the account's rows, in one transaction.
 */
export interface AccountRemoval {
  userId: string;
  /** Documents to remove with their updates, snapshot, client-id owners and release. */
  docs: readonly string[];
  /** Journals nobody else is in: removed with every document whose name starts with `<id>/`. */
  journals: readonly string[];
}

import type { Journal, Member, Role } from '#shared/api/types.js';

export type { Journal, Member };
export type MemberRole = Role;

export interface Invite {
  id: string;
  journalId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy: string | null;
  revokedAt: number | null;
}

/** Thrown by `createUser` when the email is already registered. */
export class EmailTakenError extends Error {
  constructor() {
    super('email already registered');
  }
}

/** The outcome of redeeming an invite, decided atomically by the store. */
export type AcceptInviteResult =
  | { ok: true; journalId: string; alreadyMember: boolean }
  | { ok: false; reason: 'unknown' | 'used' | 'revoked' | 'expired' | 'full' };

/** Accounts, sessions, journals and invites. Secrets are stored only as hashes. */
export interface AccountStore {
  createUser(user: User): Promise<void>;
  findUserByEmail(email: string): Promise<User | null>;
  findUserById(id: string): Promise<User | null>;

  createSession(session: NewSession): Promise<void>;
  findSession(tokenHash: string): Promise<(SessionRecord & { lastSeenAt: number | null }) | null>;
  deleteSession(tokenHash: string): Promise<SessionRecord | null>;

  // Account settings (docs/design/accounts.md)
  /** The user's sessions, most recently seen first. */
  listSessions(userId: string): Promise<SessionInfo[]>;
  /** Records that a session was used at `at`. */
  touchSession(sessionId: string, at: number): Promise<void>;
  /** Ends one of the user's sessions; false when the user has no session of that id. */
  endSession(userId: string, sessionId: string): Promise<boolean>;
  /** Ends every session of the user but `keep` (null: all); returns the ids ended. */
  endSessionsOf(userId: string, keep: string | null): Promise<string[]>;
  renameUser(userId: string, name: string): Promise<void>;
  /** Throws EmailTakenError when another account has the email. */
  changeEmail(userId: string, email: string): Promise<void>;
  /** Sets the password hash and, in the same transaction, ends every session but `keep`; returns the ids ended. */
  changePassword(userId: string, passwordHash: string, keep: string | null): Promise<string[]>;

  /** Stores a reset token's hash; the user's expired ones are dropped. */
  createPasswordReset(reset: PasswordReset, now: number): Promise<void>;
  /** A reset that can still be used at `now`, or null. */
  findPasswordReset(tokenHash: string, now: number): Promise<PasswordReset | null>;
  /**
   * Uses a reset token once: when it exists and has not expired, sets the password, and removes every
   * reset token of that user and every session, in one transaction.
   */
  redeemPasswordReset(tokenHash: string, passwordHash: string, now: number): Promise<RedeemResetResult>;

  /** Removes the account and what `removal` names, in one transaction (docs/design/accounts.md). */
  deleteAccount(removal: AccountRemoval): Promise<void>;

  createJournal(journal: Journal): Promise<void>;
  getJournal(id: string): Promise<Journal | null>;
  listJournalsOf(userId: string): Promise<(Journal & { role: MemberRole })[]>;
  listMembers(journalId: string): Promise<Member[]>;
  getRole(journalId: string, userId: string): Promise<MemberRole | null>;
  /**
   * Ends a membership, in one step with the check that it is not the journal's last (two partners
   * removing each other at once must not leave a journal with nobody); false when it is not a
   * membership, or the last one.
   */
  removeMember(journalId: string, userId: string): Promise<boolean>;

  createInvite(invite: Invite & { tokenHash: string }): Promise<void>;
  findInviteByTokenHash(tokenHash: string): Promise<Invite | null>;
  listOpenInvites(journalId: string, now: number): Promise<Invite[]>;
  revokeInvite(journalId: string, inviteId: string, now: number): Promise<boolean>;
  /** Marks the invite used and adds the member in one transaction. */
  acceptInvite(tokenHash: string, userId: string, now: number): Promise<AcceptInviteResult>;

  /** Revokes the invites `userId` made on a journal that are still open (when they leave it); resolves with how many. */
  revokeInvitesBy(journalId: string, userId: string, now: number): Promise<number>;

  // Counts for the quotas in shared/model/quotas.ts. Either member can invite; an account's
  // invites are those it made in the journals it belongs to.
  /** Journals this user started (joined ones do not count). */
  countJournalsStartedBy(userId: string): Promise<number>;
  /** Invites this user made that are still open at `now` (not used, revoked or expired), over all their journals. */
  countOpenInvitesBy(userId: string, now: number): Promise<number>;
  /** When this user made each invite made after `since`, whatever became of it; oldest first. */
  inviteTimesSince(userId: string, since: number): Promise<number[]>;
}
