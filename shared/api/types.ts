/** The JSON shapes of the HTTP API, shared by the server that sends them and the client that reads them. */

export interface User {
  id: string;
  name: string;
  email: string;
}

export type Role = 'owner' | 'member';

export interface JournalSummary {
  id: string;
  title: string;
  role: Role;
  ownerId: string;
  createdAt: number;
}

export interface Journal {
  id: string;
  title: string;
  ownerId: string;
  maxMembers: number;
  createdAt: number;
}

export interface Member {
  userId: string;
  name: string;
  role: Role;
  joinedAt: number;
}

export interface PendingInvite {
  id: string;
  createdAt: number;
  expiresAt: number;
}

export interface JournalDetail {
  journal: Journal;
  role: Role;
  members: Member[];
  /** Only sent to the owner. */
  invites?: PendingInvite[];
}

export interface Me {
  user: User;
  journals: JournalSummary[];
}

export interface InvitePreview {
  journal: { id: string; title: string };
  invitedBy: { name: string };
  expiresAt: number;
}

export interface CreatedInvite {
  invite: PendingInvite;
  /** A path, `/invite/<token>`; the token is returned only once. */
  url: string;
}

export interface AcceptedInvite {
  journalId: string;
}

/** A couple's rhythm: the time zone their days follow and the day of their weekly check-in (1 = Monday). */
export interface Rhythm {
  timeZone: string | null;
  checkinDay: number;
}

/** A love note as its writer sees it in their list. */
export interface SentNote {
  noteId: string;
  emoji: string;
  deliverAt: number;
  deliveredAt: number | null;
}
