import { routes } from '#shared/api/routes.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { hashToken } from '../../auth/sessionTokens.js';
import type { AcceptInviteResult, Invite } from '../../storage/AccountStore.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';

type Refusal = Extract<AcceptInviteResult, { ok: false }>['reason'];

function refusal(reason: Refusal): HttpError {
  switch (reason) {
    case 'unknown':
      return new HttpError(404, 'invite_unknown', 'This invite link is not valid. Ask your partner for a new one.');
    case 'used':
      return new HttpError(410, 'invite_used', 'This invite link has already been used. Ask your partner for a new one.');
    case 'revoked':
      return new HttpError(410, 'invite_revoked', 'This invite link was withdrawn. Ask your partner for a new one.');
    case 'expired':
      return new HttpError(410, 'invite_expired', 'This invite link has expired. Ask your partner for a new one.');
    case 'full':
      return new HttpError(409, 'journal_full', 'This journal already has two members.');
  }
}

function stateOf(invite: Invite, now: number): Refusal | null {
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.usedAt !== null) return 'used';
  if (invite.expiresAt <= now) return 'expired';
  return null;
}

export function inviteRoutes(app: AppContext, router: Router): void {
  // Readable without an account: whoever holds the link may see whose journal it opens.
  serveRoute(router, routes.invite, async (ctx) => {
    const invite = await app.storage.findInviteByTokenHash(hashToken(ctx.params.token));
    if (!invite) throw refusal('unknown');
    const problem = stateOf(invite, app.now());
    if (problem) throw refusal(problem);
    const journal = await app.storage.getJournal(invite.journalId);
    const inviter = await app.storage.findUserById(invite.createdBy);
    if (!journal || !inviter) throw refusal('unknown');
    return {
      status: 200,
      body: { journal: { id: journal.id, title: journal.title }, invitedBy: { name: inviter.name }, expiresAt: invite.expiresAt },
    };
  });

  serveRoute(router, routes.acceptInvite, async (ctx) => {
    const { user } = await requireUser(app, ctx.req);
    const result = await app.storage.acceptInvite(hashToken(ctx.params.token), user.id, app.now());
    if (!result.ok) throw refusal(result.reason);
    return { status: 200, body: { journalId: result.journalId } };
  });
}
