import { useRef, useState } from 'react';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/endpoints';
import type { JournalDetail, Member } from '#shared/api/types.js';
import { exportPaths } from '#shared/api/exportRoutes.js';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { userColor } from '../collab/userColor';
import { navigate } from '../routing/history';
import { useCurrentUser, useSession } from '../session/SessionContext';
import { Avatar } from '../ui/Avatar';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FormError } from '../ui/FormError';
import { showToast } from '../toast/toastStore';
import { formatDateTime, formatShortDate } from '../ui/formatDate';
import { InvitePartner } from './InvitePartner';
import { DownloadJournal } from '../export/DownloadJournal';

type PendingAction = { kind: 'remove'; member: Member } | { kind: 'leave' };

/** Who writes in this journal. Partners are equals: either invites, removes the other or leaves, and either downloads it. */
export function MembersPanel({ detail, reload, onlineIds }: { detail: JournalDetail; reload: () => void; onlineIds: ReadonlySet<string> }) {
  const user = useCurrentUser();
  const { refresh } = useSession();
  const { rooms } = useSyncEngine();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [inviteError, setInviteError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const journal = detail.journal;
  const invites = detail.invites ?? [];
  const full = detail.members.length >= journal.maxMembers;

  async function runPending() {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      if (pending.kind === 'remove') {
        await api.removeMember(journal.id, pending.member.userId);
        showToast({ message: `${pending.member.name} was removed from “${journal.title}”. They have been given a copy of it as it is today.` });
        setPending(null);
        reload();
        // The Remove button that had focus disappears with the member.
        requestAnimationFrame(() => headingRef.current?.focus());
      } else {
        // Close our sockets first: the relay cuts a leaving member off with
        // 4403, which would otherwise read as "you were removed".
        rooms.disconnectAll(`${journal.id}/`);
        try {
          await api.removeMember(journal.id, user.id);
        } catch (caught) {
          rooms.reconnectAll(`${journal.id}/`);
          throw caught;
        }
        showToast({ message: `You left “${journal.title}”. Your copy of it is on your home page for 30 days.` });
        setPending(null);
        await refresh();
        navigate('/', { replace: true });
      }
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(inviteId: string) {
    setInviteError(null);
    try {
      await api.revokeInvite(journal.id, inviteId);
      showToast({ message: 'Invite link revoked. It no longer works.' });
      reload();
    } catch (caught) {
      setInviteError(errorMessage(caught));
    }
  }

  return (
    <aside className="panel members" aria-labelledby="members-heading">
      <h2 id="members-heading" className="panel__title" ref={headingRef} tabIndex={-1}>
        Who writes here
      </h2>
      <ul className="members__list" aria-label="Members">
        {detail.members.map((member) => {
          const you = member.userId === user.id;
          return (
            <li key={member.userId} className="member">
              <Avatar name={member.name} color={userColor(member.userId)} />
              <span className="member__text">
                <span className="member__name">
                  {member.name}
                  {you && <span className="muted"> (you)</span>}
                </span>
                <span className="member__meta">
                  {member.role === 'owner' ? 'Started the journal' : `Joined ${formatShortDate(member.joinedAt)}`}
                  {onlineIds.has(member.userId) && <span className="member__online"> · here now</span>}
                </span>
              </span>
              {!you && (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  aria-label={`Remove ${member.name}`}
                  onClick={() => {
                    setError(null);
                    setPending({ kind: 'remove', member });
                  }}
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ul>

      <>
          {invites.length > 0 && (
            <div className="invites">
              <h3 className="panel__subtitle">Waiting to join</h3>
              <ul className="invites__list" aria-label="Pending invites">
                {invites.map((invite) => (
                  <li key={invite.id} className="invite-row">
                    <span className="invite-row__text">
                      Invite link sent {formatDateTime(invite.createdAt)}
                      <span className="muted small"> · expires {formatDateTime(invite.expiresAt)}</span>
                    </span>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      aria-label={`Revoke invite sent ${formatDateTime(invite.createdAt)}`}
                      onClick={() => revoke(invite.id)}
                    >
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
              <FormError message={inviteError} />
            </div>
          )}
          {full ? (
            <p className="muted small members__full">This journal is for two, and both places are taken.</p>
          ) : (
            <InvitePartner journalId={journal.id} onCreated={reload} />
          )}
      </>

      <DownloadJournal journalId={journal.id} />

      {detail.members.length > 1 && (
        <button
          type="button"
          className="button button--quiet button--small members__leave"
          onClick={() => {
            setError(null);
            setPending({ kind: 'leave' });
          }}
        >
          Leave journal
        </button>
      )}

      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'remove' ? `Remove ${pending.member.name}?` : `Leave “${journal.title}”?`}
        confirmLabel={pending?.kind === 'remove' ? 'Remove' : 'Leave journal'}
        danger
        busy={busy}
        error={error}
        onConfirm={runPending}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'remove' ? (
          <p>
            {pending.member.name} will lose access to “{journal.title}” right away, and will be told why the next time they open Duet. What
            they wrote stays in the journal, and they take a copy of the whole journal as it is today, theirs for 30 days.
          </p>
        ) : (
          <>
            <p>
              You will lose access to “{journal.title}” right away; your partner keeps it. Your words go with you: a copy of the whole
              journal as it is now waits on your home page for 30 days.
            </p>
            <p>
              <a href={exportPaths.journalExport(journal.id)} download>
                Download it now as well
              </a>
            </p>
          </>
        )}
      </ConfirmDialog>
    </aside>
  );
}
