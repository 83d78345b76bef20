import { useCallback, useEffect, useState } from 'react';
import { markNoteOpened, mineRoom, openedNotes, setSharesSeen, sharesSeen } from '#shared/documents/mine.js';
import { noteSeenAt, readDeliveredNotes, readRhythm, type DeliveredNote } from '#shared/documents/rituals.js';
import type { SentNote } from '#shared/api/types.js';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { usePresenceUser } from '../session/usePresenceUser';
import { formatDateTime } from '../ui/formatDate';
import { useJournalDetail } from '../ui/useJournalDetail';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { PageState } from '../ui/PageState';
import { showToast } from '../toast/toastStore';
import { usePageTitle } from '../ui/usePageTitle';
import { coupleToday, deviceTimeZone } from './dayQuestion';
import { NoteComposer } from './NoteComposer';
import { NoteText } from './NoteText';
import { notesApi } from './ritualsApi';
import { useNoteOutbox } from './useNoteOutbox';
import { useNow } from './useNow';
import { useDocVersion } from '../collab/useDocVersion';
import { useRefreshRituals, useRituals } from './useRituals';

/**
 * /journals/:id/notes: love notes, both ways. Notes from the partner appear
 * here (and on the journal page until opened); notes for later wait on the
 * server, invisible to the partner, until their time.
 */
export function NotesPage({ journalId }: { journalId: string }) {
  usePageTitle('Love notes');
  const user = usePresenceUser();
  const now = useNow();
  const { state: detail } = useJournalDetail(journalId);
  const rituals = useRituals(journalId);
  useRefreshRituals(journalId);
  const mine = useReadOnlyRoom(mineRoom(journalId, user.id));
  useDocVersion(mine?.doc ?? null);
  const { send, waiting } = useNoteOutbox(journalId);
  const [sent, setSent] = useState<SentNote[]>([]);

  const reloadSent = useCallback(() => {
    notesApi.sent(journalId).then(({ notes }) => setSent(notes), () => {});
  }, [journalId]);
  useEffect(reloadSent, [reloadSent, waiting.length, rituals.version]);

  if (detail.status !== 'ready' || !rituals.doc || !rituals.known) return <PageState title="Opening your notes…" loading />;
  const partner = detail.data.members.find((m) => m.userId !== user.id) ?? null;
  const partnerName = partner?.name ?? 'your partner';
  const delivered = readDeliveredNotes(rituals.doc);
  const fromPartner = delivered.filter((n) => n.from !== user.id);
  const fromMe = delivered.filter((n) => n.from === user.id);
  const opened = mine ? openedNotes(mine.doc) : new Map<string, number>();
  const shareSeen = mine ? sharesSeen(mine.doc) : false;
  const timeZone = readRhythm(rituals.doc).timeZone ?? deviceTimeZone();
  const later = sent.filter((n) => n.deliveredAt === null && n.deliverAt > now);

  function markOpened(note: DeliveredNote) {
    if (!mine || opened.has(note.id)) return;
    markNoteOpened(mine.doc, note.id, now);
    if (shareSeen) void notesApi.markSeen(journalId, note.id).catch(() => {});
  }

  async function takeBack(noteId: string) {
    try {
      await notesApi.cancel(journalId, noteId);
      showToast({ message: 'Taken back. It will not be delivered.' });
    } catch {
      showToast({ message: 'It could not be taken back: it may already have arrived.' });
    }
    reloadSent();
  }

  return (
    <div className="notes">
      <div className="entry__bar">
        <Link to={paths.journal(journalId)} className="back-link">
          <span aria-hidden="true">← </span>
          {detail.data.journal.title}
        </Link>
      </div>
      <header className="page-header">
        <h1 className="page-title">Love notes</h1>
      </header>
      <div className="notes__layout">
        <section className="panel" aria-labelledby="notes-from-partner">
          <h2 id="notes-from-partner" className="panel__title">
            From {partnerName}
          </h2>
          {fromPartner.length === 0 ? (
            <p className="empty-note">No notes from {partnerName} yet. They’ll appear here, and on your journal page until you open them.</p>
          ) : (
            <ul className="note-list" aria-label={`Notes from ${partnerName}`}>
              {fromPartner.map((note) => (
                <li key={note.id} className="note">
                  <p className="note__meta">
                    <span className="note__emoji" aria-hidden="true">
                      {note.emoji}
                    </span>{' '}
                    {formatDateTime(note.deliveredAt)} {!opened.has(note.id) && <span className="badge">New</span>}
                  </p>
                  <DeliveredNoteText journalId={journalId} note={note} onShown={() => markOpened(note)} />
                </li>
              ))}
            </ul>
          )}
          <label className="toggle">
            <input type="checkbox" checked={shareSeen} onChange={(e) => mine && setSharesSeen(mine.doc, e.target.checked)} disabled={!mine} /> Let{' '}
            {partnerName} see when I’ve read their notes
          </label>
        </section>

        <section className="panel" aria-labelledby="notes-from-me">
          <NoteComposer
            journalId={journalId}
            userId={user.id}
            partnerName={partnerName}
            timeZone={timeZone}
            today={coupleToday(rituals.doc, now)}
            onSend={send}
          />
          {waiting.length > 0 && <p className="notes__waiting">{waiting.length === 1 ? 'One note' : `${waiting.length} notes`} will be sent when Duet can be reached.</p>}
          {later.length > 0 && (
            <>
              <h3 className="notes__subtitle">Waiting for their moment</h3>
              <ul className="note-list" aria-label="Notes for later">
                {later.map((note) => (
                  <li key={note.noteId} className="note note--later">
                    <p className="note__meta">
                      <span aria-hidden="true">{note.emoji}</span> Arrives {formatDateTime(note.deliverAt)}
                    </p>
                    <NoteText journalId={journalId} writerId={user.id} noteId={note.noteId} />
                    <button type="button" className="button button--quiet button--small" onClick={() => void takeBack(note.noteId)}>
                      Take it back
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 id="notes-from-me" className="notes__subtitle">
            You wrote
          </h3>
          {fromMe.length === 0 ? (
            <p className="empty-note">Nothing sent yet.</p>
          ) : (
            <ul className="note-list" aria-label="Notes you sent">
              {fromMe.map((note) => {
                const seen = noteSeenAt(rituals.doc!, note.id);
                return (
                  <li key={note.id} className="note">
                    <p className="note__meta">
                      <span aria-hidden="true">{note.emoji}</span> {formatDateTime(note.deliveredAt)}
                      {seen !== null && <span className="note__seen"> · read</span>}
                    </p>
                    <DeliveredNoteText journalId={journalId} note={note} />
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

/** A delivered note's words, from the rituals document; only notes delivered before it carried them open their own. */
function DeliveredNoteText({ journalId, note, onShown }: { journalId: string; note: DeliveredNote; onShown?: () => void }) {
  useEffect(() => {
    if (note.text !== undefined) onShown?.();
  }, [note.text, onShown]);
  if (note.text === undefined) return <NoteText journalId={journalId} writerId={note.from} noteId={note.id} onShown={onShown} />;
  return <p className="note__text">{note.text}</p>;
}
