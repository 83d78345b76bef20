import { useRef, useState } from 'react';
import type { CollabRoom } from '../sync/RoomRegistry';
import type { Peer } from '../collab/presence';
import { navigate } from '../routing/history';
import { paths } from '../routing/routes';
import { useCurrentUser } from '../session/SessionContext';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { showToast } from '../toast/toastStore';
import { startTypeAhead } from '../ui/typeAhead';
import { createEntry, setEntryDeleted, type EntryAuthor, type EntrySummary } from '#shared/documents/journalIndex.js';
import { RitualTimelineItem } from '../rituals/RitualTimelineItem';
import { NoteTimelineItem } from '../memories/NoteTimelineItem';
import { TimelineControls } from '../memories/TimelineControls';
import { momentKey } from '../memories/timelineMoments';
import { useTimeline } from '../memories/useTimeline';
import { useRituals } from '../rituals/useRituals';
import { DeletedEntries } from './DeletedEntries';
import { TimelineItem } from './TimelineItem';
import { useEntries } from './useEntries';
import { markFresh } from './freshEntries';
import { entryDisplayTitle } from './entryDisplayTitle';

/** How long "Undo" stays on screen after a delete. */
const UNDO_MS = 8000;

export function Timeline({
  room,
  synced,
  offline,
  journalId,
  peers,
  partner,
}: {
  room: CollabRoom | null;
  /** The entries are known: synced with the relay, or loaded from this device. */
  synced: boolean;
  /** The relay cannot be reached right now. */
  offline: boolean;
  journalId: string;
  peers: Peer[];
  /** The other member, for their hearts on entries; null before anyone has joined. */
  partner: EntryAuthor | null;
}) {
  const user = useCurrentUser();
  const entries = useEntries(room?.doc ?? null);
  const live = entries.filter((e) => e.deletedAt === null);
  const deleted = entries.filter((e) => e.deletedAt !== null);
  const [pendingDelete, setPendingDelete] = useState<EntrySummary | null>(null);
  // The rituals that became part of the record: days both answered, weeks checked in, notes delivered.
  const rituals = useRituals(journalId);
  // Filtered by kind and author, or one day of the calendar, as the address says (client/src/memories/).
  const timeline = useTimeline({ journalId, entries: live, rituals: rituals.doc, indexDoc: room?.doc ?? null, userId: user.id, partnerId: partner?.id ?? null });
  const headingRef = useRef<HTMLHeadingElement>(null);

  function handleNewEntry() {
    if (!room) return;
    const entryId = createEntry(room.doc, { id: user.id, name: user.name });
    markFresh(entryId);
    // Whatever is typed before the entry's title exists goes into it.
    startTypeAhead();
    navigate(paths.entry(journalId, entryId));
  }

  function confirmDelete() {
    if (!room || !pendingDelete) return;
    const { doc } = room;
    const entry = pendingDelete;
    setEntryDeleted(doc, entry.id, true);
    setPendingDelete(null);
    // The focused Delete button is gone with its entry; land somewhere nearby.
    requestAnimationFrame(() => headingRef.current?.focus());
    showToast({
      message: `Deleted “${entryDisplayTitle(entry.title)}”.`,
      durationMs: UNDO_MS,
      action: {
        label: 'Undo',
        run: () => {
          // The toast can outlive the page; a closed document cannot be written.
          if (doc.isDestroyed) {
            showToast({ message: 'Open the journal to restore that entry from "Recently deleted".', tone: 'error' });
            return;
          }
          setEntryDeleted(doc, entry.id, false);
          showToast({ message: `Restored “${entryDisplayTitle(entry.title)}”.`, durationMs: 4000 });
        },
      },
    });
  }

  // Who has which entry open, by entry id.
  const readers = new Map<string, Peer[]>();
  for (const peer of peers) {
    if (!peer.entryId) continue;
    readers.set(peer.entryId, [...(readers.get(peer.entryId) ?? []), peer]);
  }

  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <div className="timeline__head">
        <h2 id="timeline-heading" className="section-title" ref={headingRef} tabIndex={-1}>
          Entries
        </h2>
        <button type="button" className="button" onClick={handleNewEntry} disabled={!room}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M8 2v12M2 8h12" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
          New entry
        </button>
      </div>

      <TimelineControls timeline={timeline} userId={user.id} partner={partner} />

      {timeline.total === 0 ? (
        <p className="empty-note" aria-live="polite">
          {synced || !room
            ? 'Nothing here yet. Start with today: what made you smile?'
            : offline
              ? 'This journal has not been opened on this device before. Its entries show once you are back online; you can already start a new one.'
              : 'Loading your entries…'}
        </p>
      ) : null}

      <ul role="list" aria-label="Entries" className="timeline__list">
        {timeline.shown.map((item) =>
          item.kind === 'entry' || item.kind === 'memory' ? (
            <TimelineItem
              key={momentKey(item)}
              entry={item.entry}
              journalId={journalId}
              readers={readers.get(item.entry.id) ?? []}
              indexDoc={room?.doc ?? null}
              partner={partner}
              onDelete={() => setPendingDelete(item.entry)}
            />
          ) : item.kind === 'note' ? (
            <NoteTimelineItem key={momentKey(item)} note={item.note} date={item.date} journalId={journalId} userId={user.id} partnerName={partner?.name ?? null} />
          ) : (
            <RitualTimelineItem key={momentKey(item)} moment={item.ritual} journalId={journalId} rituals={rituals.doc!} />
          ),
        )}
      </ul>

      {room && <DeletedEntries entries={deleted} onRestore={(id) => setEntryDeleted(room.doc, id, false)} />}

      <ConfirmDialog
        open={pendingDelete !== null}
        title="Delete this entry?"
        confirmLabel="Delete entry"
        danger
        onConfirm={confirmDelete}
        onCancel={() => setPendingDelete(null)}
      >
        <p>
          “{entryDisplayTitle(pendingDelete?.title ?? '')}” will disappear from the journal for both of you. You can undo this for a
          few seconds, or restore it later from “Recently deleted”.
        </p>
      </ConfirmDialog>
    </section>
  );
}
