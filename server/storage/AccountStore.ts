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

  createSession(session: SessionRecord & { tokenHash: string }): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<SessionRecord | null>;

  createJournal(journal: Journal): Promise<void>;
  getJournal(id: string): Promise<Journal | null>;
  listJournalsOf(userId: string): Promise<(Journal & { role: MemberRole })[]>;
  listMembers(journalId: string): Promise<Member[]>;
  getRole(journalId: string, userId: string): Promise<MemberRole | null>;
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
