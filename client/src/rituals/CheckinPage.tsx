import { useId } from 'react';
import type * as Y from 'yjs';
import { CHECKIN_SECTIONS, type CheckinSection, checkinRoom, focusText, readCheckinMeta, readDone, sectionText, setDone, type CarriedItem } from '#shared/documents/checkin.js';
import { StatusIndicator } from '../collab/StatusIndicator';
import type { PresenceUser } from '../collab/presence';
import { StoppedNotice } from '../collab/StoppedNotice';
import { useCollabRoom, useConnectionState, useRoomLoaded, useSyncPhase } from '../collab/useCollabRoom';
import { useConnectionGuard } from '../session/useConnectionGuard';
import { usePresenceUser } from '../session/usePresenceUser';
import { userColor } from '../collab/userColor';
import { useJournalDetail } from '../ui/useJournalDetail';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { syncStatusKind } from '../sync/syncStatusKind';
import { Avatar } from '../ui/Avatar';
import { PageState } from '../ui/PageState';
import { usePageTitle } from '../ui/usePageTitle';
import { CheckinText } from './CheckinText';
import { FOCUS_COPY, SECTION_COPY, weekLabel } from './checkinCopy';
import { useDocVersion } from '../collab/useDocVersion';

interface Person {
  id: string;
  name: string;
}

/**
 * /journals/:id/checkins/:week: the couple's "How are we doing?" for one
 * week. One document per week, named by the week, so both partners (offline
 * too) write in the same one; each writes in their own column and reads the
 * other's, and the one thing to work on is shared.
 */
export function CheckinPage({ journalId, week }: { journalId: string; week: string }) {
  const user = usePresenceUser();
  const { state: detail } = useJournalDetail(journalId);
  const room = useCollabRoom(checkinRoom(journalId, week));
  const loaded = useRoomLoaded(room);
  const connection = useConnectionState(room);
  const phase = useSyncPhase(room);
  useDocVersion(room?.doc ?? null);
  const journalTitle = detail.status === 'ready' ? detail.data.journal.title : null;
  useConnectionGuard([connection], journalId, journalTitle);
  usePageTitle('Weekly check-in');

  if (!room || !loaded) return <PageState title="Opening your check-in…" loading />;
  const doc = room.doc;
  const meta = readCheckinMeta(doc);
  // The journal's members (this device's copy offline), or whom the server named in this week's document.
  const partnerMember = detail.status === 'ready' ? detail.data.members.find((m) => m.userId !== user.id) : undefined;
  const partnerId = partnerMember?.userId ?? Object.keys(meta.members).find((id) => id !== user.id) ?? null;
  const partner: Person | null = partnerId ? { id: partnerId, name: partnerMember?.name ?? meta.members[partnerId] ?? 'Your partner' } : null;

  return (
    <article className="checkin" aria-labelledby="checkin-title">
      <div className="entry__bar">
        <Link to={paths.journal(journalId)} className="back-link">
          <span aria-hidden="true">← </span>
          {journalTitle ?? 'Journal'}
        </Link>
        <StatusIndicator connection={connection} sync={syncStatusKind(phase !== 'confirmed', connection)} testId="checkin-sync-status" />
      </div>
      <StoppedNotice states={[connection]} />
      <header className="checkin__header">
        <p className="eyebrow">Weekly check-in · {weekLabel(week)}</p>
        <h1 id="checkin-title" className="checkin__title">
          How are we doing?
        </h1>
        <p className="checkin__intro">
          {partner
            ? `Write side by side or take turns. You each have your own column; you both read everything.`
            : 'Write your side now; your partner’s column appears once they have joined.'}
        </p>
      </header>

      {meta.carried.length > 0 && <CarriedList doc={doc} items={meta.carried} user={user} partner={partner} />}

      {CHECKIN_SECTIONS.map((section) => (
        <SectionRow key={section} doc={doc} section={section} user={user} partner={partner} />
      ))}

      <section className="checkin-section checkin-section--together" aria-labelledby="checkin-focus">
        <h2 id="checkin-focus" className="checkin-section__title">
          {FOCUS_COPY.title}
        </h2>
        <p className="checkin-section__hint">{FOCUS_COPY.hint}</p>
        <CheckinText ytext={focusText(doc)} label="Our one thing to work on, shared" placeholder="Something for both of you, in either’s words" />
      </section>
    </article>
  );
}

function SectionRow({ doc, section, user, partner }: { doc: Y.Doc; section: CheckinSection; user: PresenceUser; partner: Person | null }) {
  const id = useId();
  const { title, hint } = SECTION_COPY[section];
  const theirs = partner ? sectionText(doc, section, partner.id).toString() : '';
  return (
    <section className="checkin-section" aria-labelledby={id}>
      <h2 id={id} className="checkin-section__title">
        {title}
      </h2>
      <p className="checkin-section__hint">{hint}</p>
      <div className={partner ? 'checkin-section__parts checkin-section__parts--two' : 'checkin-section__parts'}>
        <div className="checkin-part checkin-part--mine">
          <p className="checkin-part__who">
            <Avatar name={user.name} color={user.color} size="sm" /> You
          </p>
          <CheckinText ytext={sectionText(doc, section, user.id)} label={`${title}: your words`} />
        </div>
        {partner && (
          <div className="checkin-part checkin-part--theirs" role="region" aria-label={`${title}: ${partner.name}’s words`}>
            <p className="checkin-part__who">
              <Avatar name={partner.name} color={userColor(partner.id)} size="sm" /> {partner.name}
            </p>
            {theirs.trim() ? <p className="checkin-part__text">{theirs}</p> : <p className="checkin-part__empty">Nothing here yet.</p>}
          </div>
        )}
      </div>
    </section>
  );
}

/** The unfinished things from earlier weeks, which either of you can mark done. */
function CarriedList({ doc, items, user, partner }: { doc: Y.Doc; items: CarriedItem[]; user: PresenceUser; partner: Person | null }) {
  const nameOf = (id: string) => (id === user.id ? 'you' : id === partner?.id ? partner.name : 'one of you');
  return (
    <section className="checkin-carried" aria-labelledby="checkin-carried">
      <h2 id="checkin-carried" className="checkin-section__title">
        Still working on
      </h2>
      <ul className="checkin-carried__list">
        {items.map((item) => {
          const done = readDone(doc, item.id);
          return (
            <li key={item.id} className={done ? 'checkin-carried__item checkin-carried__item--done' : 'checkin-carried__item'}>
              <label>
                <input type="checkbox" checked={done !== null} onChange={(e) => setDone(doc, item.id, user.id, e.target.checked)} />
                <span className="checkin-carried__text">{item.text}</span>
              </label>
              <span className="checkin-carried__since">
                {done ? `Done, marked by ${nameOf(done.by)}` : `Since the ${weekLabel(item.id).replace('Week of', 'week of')}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
