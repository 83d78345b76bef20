import { routes } from '#shared/api/routes.js';
import { newId } from '#shared/model/ids.js';
import {
  INVITE_QUOTA_WINDOW_MS,
  MAX_INVITES_PER_ACCOUNT_PER_DAY,
  MAX_JOURNALS_PER_ACCOUNT,
  MAX_OPEN_INVITES_PER_ACCOUNT,
  MAX_OPEN_INVITES_PER_JOURNAL,
} from '#shared/model/quotas.js';
import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { hashToken, newToken } from '../../auth/sessionTokens.js';
import type { Journal, MemberRole } from '../../storage/AccountStore.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';

/** A couple's journal has two members unless a deployment says otherwise. */
const DEFAULT_MAX_MEMBERS = 2;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Loads a journal the user belongs to; 404 and 403 are told apart so the UI can say which. */
export async function requireMembership(app: AppContext, journalId: string, userId: string): Promise<{ journal: Journal; role: MemberRole }> {
  const journal = await app.storage.getJournal(journalId);
  if (!journal) throw new HttpError(404, 'journal_not_found', 'This journal does not exist.');
  const role = await app.storage.getRole(journalId, userId);
  if (!role) throw new HttpError(403, 'not_member', 'You are not a member of this journal.');
  return { journal, role };
}

/** Refuses a new invite on `journalId` when it or the account has as many as it may (shared/model/quotas.ts). */
async function checkInviteQuotas(app: AppContext, journalId: string, userId: string, now: number): Promise<void> {
  if ((await app.storage.listOpenInvites(journalId, now)).length >= MAX_OPEN_INVITES_PER_JOURNAL) {
    throw new HttpError(
      409,
      'invite_limit',
      `This journal already has ${MAX_OPEN_INVITES_PER_JOURNAL} open invite links. Revoke one you no longer need (under “Waiting to join”), or wait until one is used or expires.`,
    );
  }
  if ((await app.storage.countOpenInvitesBy(userId, now)) >= MAX_OPEN_INVITES_PER_ACCOUNT) {
    throw new HttpError(
      409,
      'account_invite_limit',
      `You have ${MAX_OPEN_INVITES_PER_ACCOUNT} open invite links over your journals, the most one account can have at once. Revoke one you no longer need, or wait until one is used or expires.`,
    );
  }
  const recent = await app.storage.inviteTimesSince(userId, now - INVITE_QUOTA_WINDOW_MS);
  if (recent.length >= MAX_INVITES_PER_ACCOUNT_PER_DAY) {
    // A place comes back when the oldest invite that keeps the count at the cap leaves the window.
    const seconds = Math.max(1, Math.ceil((recent[recent.length - MAX_INVITES_PER_ACCOUNT_PER_DAY] + INVITE_QUOTA_WINDOW_MS - now) / 1000));
    const [amount, unit] = seconds < 3600 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
    throw new HttpError(
      429,
      'too_many_invites',
      `You have made ${MAX_INVITES_PER_ACCOUNT_PER_DAY} invite links in the last 24 hours, the most one account can. You can make another in ${amount} ${unit}${amount === 1 ? '' : 's'}; the links you made still work until they expire.`,
      { 'retry-after': String(seconds) },
    );
  }
}

export function journalRoutes(app: AppContext, router: Router): void {
  serveRoute(router, routes.createJournal, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { title } = (await ctx.input()).body;
    if ((await app.storage.countJournalsStartedBy(user.id)) >= MAX_JOURNALS_PER_ACCOUNT) {
      throw new HttpError(
        409,
        'journal_limit',
        `You have started ${MAX_JOURNALS_PER_ACCOUNT} journals, the most one account can start. Keep writing in one of them, or ask your partner to start the new one and invite you.`,
      );
    }
    const journal: Journal = { id: newId(), title, ownerId: user.id, maxMembers: DEFAULT_MAX_MEMBERS, createdAt: app.now() };
    await app.storage.createJournal(journal);
    return { status: 201, body: { journal } };
  });

  serveRoute(router, routes.journal, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { journal, role } = await requireMembership(app, ctx.params.id, user.id);
    const members = await app.storage.listMembers(journal.id);
    // Partners are equals: either sees the open invites and may revoke them.
    const invites = await app.storage.listOpenInvites(journal.id, app.now());
    return {
      status: 200,
      body: {
        journal,
        role,
        members,
        invites: invites.map((i) => ({ id: i.id, createdAt: i.createdAt, expiresAt: i.expiresAt })),
      },
    };
  });

  serveRoute(router, routes.createInvite, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    // Either member may invite a new partner when a place is free (the other has left).
    const { journal } = await requireMembership(app, ctx.params.id, user.id);
    const members = await app.storage.listMembers(journal.id);
    if (members.length >= journal.maxMembers) {
      throw new HttpError(409, 'journal_full', 'This journal already has both partners. Remove a member before inviting someone new.');
    }
    const now = app.now();
    await checkInviteQuotas(app, journal.id, user.id, now);
    const token = newToken();
    const invite = { id: newId(), journalId: journal.id, createdBy: user.id, createdAt: now, expiresAt: now + INVITE_TTL_MS, usedAt: null, usedBy: null, revokedAt: null };
    await app.storage.createInvite({ ...invite, tokenHash: hashToken(token) });
    return {
      status: 201,
      body: { invite: { id: invite.id, createdAt: invite.createdAt, expiresAt: invite.expiresAt }, url: `/invite/${token}` },
    };
  });

  serveRoute(router, routes.revokeInvite, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    await requireMembership(app, ctx.params.id, user.id);
    const revoked = await app.storage.revokeInvite(ctx.params.id, ctx.params.inviteId, app.now());
    if (!revoked) throw new HttpError(404, 'invite_not_found', 'This invite was already used, revoked or never existed.');
    return { status: 204 };
  });

  serveRoute(router, routes.removeMember, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { journal } = await requireMembership(app, ctx.params.id, user.id);
    const target = ctx.params.userId;
    const leaving = target === user.id;
    // Partners are equals: either may leave, or remove the other (docs/design/export.md, "Leaving").
    const members = await app.storage.listMembers(journal.id);
    if (!members.some((m) => m.userId === target)) throw new HttpError(404, 'member_not_found', 'That person is not a member of this journal.');
    if (members.length === 1) {
      throw new HttpError(409, 'last_member', 'You are the only one in this journal, so leaving would leave it with nobody. Download it instead to keep a copy.');
    }
    // Leaving takes your words with you: their copy is made first, from the journal as they see it
    // now. If it cannot be made, they stay: nobody leaves without their words.
    try {
      await app.farewells?.keep(journal, target, leaving ? null : { id: user.id, name: user.name });
    } catch (error) {
      app.log.error('could not make the archive of a departing member', { journalId: journal.id, error: String(error) });
      throw new HttpError(503, 'archive_failed', 'We could not make the copy of the journal that goes with leaving, so nothing was changed. Try again in a few minutes.', { 'retry-after': '60' });
    }
    // Storage checks again, in the same step as the removal: the partner may be removing us right now.
    const removed = await app.storage.removeMember(journal.id, target);
    if (!removed) {
      if (await app.storage.getRole(journal.id, target)) {
        throw new HttpError(409, 'last_member', 'You are the only one in this journal now, so leaving would leave it with nobody. Download it instead to keep a copy.');
      }
      throw new HttpError(404, 'member_not_found', 'That person is not a member of this journal.');
    }
    // Whoever stays decides who joins next.
    await app.storage.revokeInvitesBy(journal.id, target, app.now());
    // Membership is checked at the upgrade; open sockets must be cut off too.
    app.relay.disconnectWhere(
      (peer) => peer.userId === target && peer.journalId === journal.id,
      CloseCode.Forbidden,
      leaving ? 'you left this journal' : 'removed from this journal',
    );
    return { status: 204 };
  });
}
