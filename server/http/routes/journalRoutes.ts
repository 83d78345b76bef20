import { newId } from '../../../shared/model/ids.js';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { hashToken, newToken } from '../../auth/sessionTokens.js';
import type { Journal, MemberRole } from '../../storage/AccountStore.js';
import { HttpError } from '../HttpError.js';
import { readJsonBody, stringField } from '../readJsonBody.js';
import type { Router } from '../Router.js';

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

function requireOwner(role: MemberRole): void {
  if (role !== 'owner') throw new HttpError(403, 'not_owner', 'Only the person who created this journal can do that.');
}

export function journalRoutes(app: AppContext, router: Router): void {
  router.add('POST', '/api/journals', async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const body = await readJsonBody(ctx.req);
    const title = stringField(body, 'title', 'Journal title', 120);
    const journal: Journal = { id: newId(), title, ownerId: user.id, maxMembers: DEFAULT_MAX_MEMBERS, createdAt: app.now() };
    await app.storage.createJournal(journal);
    return { status: 201, body: { journal } };
  });

  router.add('GET', '/api/journals/:id', async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { journal, role } = await requireMembership(app, ctx.params.id, user.id);
    const members = await app.storage.listMembers(journal.id);
    const invites = role === 'owner' ? await app.storage.listOpenInvites(journal.id, app.now()) : [];
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

  router.add('POST', '/api/journals/:id/invites', async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { journal, role } = await requireMembership(app, ctx.params.id, user.id);
    requireOwner(role);
    const members = await app.storage.listMembers(journal.id);
    if (members.length >= journal.maxMembers) {
      throw new HttpError(409, 'journal_full', 'This journal already has both partners. Remove a member before inviting someone new.');
    }
    const token = newToken();
    const now = app.now();
    const invite = { id: newId(), journalId: journal.id, createdBy: user.id, createdAt: now, expiresAt: now + INVITE_TTL_MS, usedAt: null, usedBy: null, revokedAt: null };
    await app.storage.createInvite({ ...invite, tokenHash: hashToken(token) });
    return {
      status: 201,
      body: { invite: { id: invite.id, createdAt: invite.createdAt, expiresAt: invite.expiresAt }, url: `/invite/${token}` },
    };
  });

  router.add('DELETE', '/api/journals/:id/invites/:inviteId', async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { role } = await requireMembership(app, ctx.params.id, user.id);
    requireOwner(role);
    const revoked = await app.storage.revokeInvite(ctx.params.id, ctx.params.inviteId, app.now());
    if (!revoked) throw new HttpError(404, 'invite_not_found', 'This invite was already used, revoked or never existed.');
    return { status: 204 };
  });

  router.add('DELETE', '/api/journals/:id/members/:userId', async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const { journal, role } = await requireMembership(app, ctx.params.id, user.id);
    const target = ctx.params.userId;
    const leaving = target === user.id;
    if (leaving && role === 'owner') {
      throw new HttpError(409, 'owner_cannot_leave', 'You created this journal, so you cannot leave it.');
    }
    if (!leaving) requireOwner(role);
    const removed = await app.storage.removeMember(journal.id, target);
    if (!removed) throw new HttpError(404, 'member_not_found', 'That person is not a member of this journal.');
    // Membership is checked at the upgrade; open sockets must be cut off too.
    app.relay.disconnectWhere(
      (peer) => peer.userId === target && peer.journalId === journal.id,
      CloseCode.Forbidden,
      leaving ? 'you left this journal' : 'removed from this journal',
    );
    return { status: 204 };
  });
}
