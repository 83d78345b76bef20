import { useId, useState } from 'react';
import type * as Y from 'yjs';
import {
  addItem,
  BUCKET_CATEGORIES,
  type BucketCategory,
  type BucketItem,
  bucketRoom,
  MAX_ITEMS,
  moveItem,
  readItem,
  readItems,
  setCategory,
  setDone,
  setRemoved,
} from '#shared/documents/bucket.js';
import { indexRoom } from '#shared/documents/journalIndex.js';
import { StatusIndicator } from '../collab/StatusIndicator';
import { uniqueUsers, usePeers, usePublishPresence } from '../collab/presence';
import { useSyncEngine } from '../collab/SyncEngineContext';
import { StoppedNotice } from '../collab/StoppedNotice';
import { useCollabRoom, useConnectionState, useHasSynced, useRoomLoaded, useSyncPhase } from '../collab/useCollabRoom';
import { useDocVersion } from '../collab/useDocVersion';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { useConnectionGuard } from '../session/useConnectionGuard';
import { usePresenceUser } from '../session/usePresenceUser';
import { navigate } from '../routing/history';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { syncStatusKind } from '../sync/syncStatusKind';
import { showToast } from '../toast/toastStore';
import { PageState } from '../ui/PageState';
import { useJournalDetail } from '../ui/useJournalDetail';
import { usePageTitle } from '../ui/usePageTitle';
import { AddItemForm } from './AddItemForm';
import { BucketItemRow, itemName } from './BucketItemRow';
import { CATEGORY_COPY, memoryLine } from './bucketCopy';
import { makeMemory } from './makeMemory';
import { useDragReorder } from './useDragReorder';

/** How long "Undo" stays after a wish is removed. */
const UNDO_MS = 8000;

type Filter = BucketCategory | 'all';

/**
 * /journals/:id/bucket: the couple's bucket list, one per journal. Both add,
 * edit in place, reorder, tick and remove at once, live, and offline on a
 * device that has opened it before (its document is kept on the device like
 * an entry's). Done wishes sit below, each with who ticked it off and when,
 * and "Make it a memory" turns one into an entry to write and add photos to.
 */
export function BucketPage({ journalId }: { journalId: string }) {
  const user = usePresenceUser();
  const { rooms } = useSyncEngine();
  const { state: detail } = useJournalDetail(journalId);
  const room = useCollabRoom(bucketRoom(journalId));
  const index = useReadOnlyRoom(indexRoom(journalId));
  const loaded = useRoomLoaded(room);
  const synced = useHasSynced(room);
  const connection = useConnectionState(room);
  const phase = useSyncPhase(room);
  useDocVersion(room?.doc ?? null);
  usePublishPresence(room?.awareness ?? null, 'user', user);
  const peers = usePeers(room?.awareness ?? null, { includeSelf: false });
  const journalTitle = detail.status === 'ready' ? detail.data.journal.title : null;
  useConnectionGuard([connection], journalId, journalTitle);
  usePageTitle('Our bucket list');
  const [filter, setFilter] = useState<Filter>('all');
  const [announcement, setAnnouncement] = useState('');
  const hintId = useId();

  const members = detail.status === 'ready' ? detail.data.members : [];
  const nameOf = (id: string) => (id === user.id ? user.name : (members.find((m) => m.userId === id)?.name ?? 'Your partner'));

  // Presence is only news while connected: offline, the last one seen may long have gone.
  const here = connection.kind === 'connected' ? uniqueUsers(peers).filter((p) => p.id !== user.id) : [];
  const doc = room?.doc ?? null;
  const all = doc ? readItems(doc).filter((item) => item.removedAt === null) : [];
  const shown = filter === 'all' ? all : all.filter((item) => item.category === filter);
  const open = shown.filter((item) => item.doneAt === null);
  // Done ones below, the most recently done first: the list ends with what you have lived.
  const done = shown.filter((item) => item.doneAt !== null).sort((a, b) => b.doneAt! - a.doneAt!);
  const openIds = open.map((item) => item.id);

  function move(id: string, to: number) {
    if (!doc) return;
    const others = open.filter((item) => item.id !== id);
    moveItem(doc, id, { after: others[to - 1]?.id ?? null, before: others[to]?.id ?? null });
    const moved = open.find((item) => item.id === id);
    if (moved) setAnnouncement(`Moved “${itemName(moved)}” to ${to + 1} of ${open.length}.`);
    // The row is moved in the page, which can take focus from its handle: give it back.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-move-handle="${CSS.escape(id)}"]`)?.focus());
  }
  const { listRef, draggingId, handleProps, rowStyle } = useDragReorder(openIds, move);

  if (!room || !loaded || !doc) return <PageState title="Opening your bucket list…" loading />;

  const offline = connection.kind !== 'connected' && connection.kind !== 'connecting';
  const full = itemCount(doc) >= MAX_ITEMS;

  function add(text: string, category: BucketCategory) {
    if (!doc) return;
    addItem(doc, { text, category, by: user.id });
    if (filter !== 'all' && filter !== category) setFilter('all');
  }

  function remove(item: BucketItem) {
    if (!doc) return;
    setRemoved(doc, item.id, user.id);
    showToast({
      message: `Removed “${itemName(item)}”.`,
      durationMs: UNDO_MS,
      action: {
        label: 'Undo',
        run: () => {
          // The toast can outlive the page; a closed document cannot be written.
          if (doc.isDestroyed) {
            showToast({ message: 'Open your bucket list again to bring that one back.', tone: 'error' });
            return;
          }
          setRemoved(doc, item.id, null);
        },
      },
    });
  }

  function memory(item: BucketItem) {
    if (!doc || !index) return;
    // Read afresh: the partner may have made it a memory a moment ago.
    const current = readItem(doc, item.id) ?? item;
    if (current.doneBy === null || current.doneAt === null) return;
    const entryId = makeMemory({
      rooms,
      journalId,
      bucket: doc,
      index: index.doc,
      item: current,
      author: { id: user.id, name: user.name },
      start: {
        title: current.text.trim() || 'A wish come true',
        line: memoryLine({ doneAt: current.doneAt, doneBy: current.doneBy, addedAt: current.addedAt, addedBy: current.addedBy }, nameOf),
      },
    });
    navigate(paths.entry(journalId, entryId));
  }

  const rowFor = (item: BucketItem, movable: boolean) => (
    <BucketItemRow
      key={item.id}
      doc={doc}
      item={item}
      userId={user.id}
      nameOf={nameOf}
      hintId={hintId}
      handle={movable ? handleProps(item.id) : undefined}
      style={movable ? rowStyle(item.id) : undefined}
      dragging={draggingId === item.id}
      actions={{
        tick: (isDone) => setDone(doc, item.id, isDone ? user.id : null),
        setCategory: (category) => setCategory(doc, item.id, category),
        remove: () => remove(item),
        makeMemory: () => memory(item),
      }}
    />
  );

  return (
    <article className="bucket" aria-labelledby="bucket-title">
      <div className="entry__bar">
        <Link to={paths.journal(journalId)} className="back-link">
          <span aria-hidden="true">← </span>
          {journalTitle ?? 'Journal'}
        </Link>
        <StatusIndicator connection={connection} sync={syncStatusKind(phase !== 'confirmed', connection)} testId="bucket-sync-status" />
      </div>
      <StoppedNotice states={[connection]} />
      <header className="bucket__header">
        <p className="eyebrow">Together, someday</p>
        <h1 id="bucket-title" className="bucket__title">
          Our bucket list
        </h1>
        <p className="bucket__intro">Places, tastes, adventures and small joys you’d like to share. Either of you can add, change or tick off anything.</p>
        {here.length > 0 && (
          <p className="here-now" data-testid="bucket-here">
            <span className="here-now__dot" aria-hidden="true" /> {here.map((p) => p.name).join(' and ')} {here.length === 1 ? 'is' : 'are'} here with you
          </p>
        )}
      </header>

      <AddItemForm onAdd={add} disabled={full} startWith={filter === 'all' ? 'travel' : filter} />
      {full && <p className="form-error">Your list holds {MAX_ITEMS.toLocaleString()} wishes, the most it can. Remove one to add another.</p>}

      <FilterBar filter={filter} onChange={setFilter} counts={countByCategory(all)} />

      <section aria-labelledby="bucket-open-heading">
        <h2 id="bucket-open-heading" className="visually-hidden">
          Still to do
        </h2>
        <p id={hintId} className="visually-hidden">
          Drag to reorder, or use the up and down arrow keys.
        </p>
        {open.length === 0 ? (
          <p className="empty-note">{emptyLine(filter, all.length, synced || all.length > 0 ? 'known' : offline ? 'offline' : 'opening')}</p>
        ) : (
          <ol className="bucket-list" ref={listRef} aria-label="Still to do">
            {open.map((item) => rowFor(item, true))}
          </ol>
        )}
      </section>

      {done.length > 0 && (
        <section className="bucket-done" aria-labelledby="bucket-done-heading">
          <h2 id="bucket-done-heading" className="section-title bucket-done__title">
            Done together
          </h2>
          <ol className="bucket-list" aria-label="Done together">
            {done.map((item) => rowFor(item, false))}
          </ol>
        </section>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </article>
  );
}

function itemCount(doc: Y.Doc): number {
  // Removed wishes stay in the document (marked), so they count towards its size.
  return readItems(doc).length;
}

function countByCategory(items: readonly BucketItem[]): Record<Filter, number> {
  const counts = { all: items.length } as Record<Filter, number>;
  for (const category of BUCKET_CATEGORIES) counts[category] = items.filter((item) => item.category === category).length;
  return counts;
}

function emptyLine(filter: Filter, total: number, state: 'known' | 'opening' | 'offline'): string {
  if (state === 'opening') return 'Opening your list…';
  if (state === 'offline') return 'You’re offline, and your list hasn’t been on this device before. Anything you add now is kept here and joins your partner’s when you’re back online.';
  if (filter !== 'all') return `Nothing to do under ${CATEGORY_COPY[filter].label.toLowerCase()} yet.`;
  return total === 0 ? 'Nothing here yet. What would you love to do together one day?' : 'Everything on your list is done. Time to dream up the next thing.';
}

function FilterBar({ filter, onChange, counts }: { filter: Filter; onChange: (filter: Filter) => void; counts: Record<Filter, number> }) {
  const choices: Filter[] = ['all', ...BUCKET_CATEGORIES];
  return (
    <nav className="bucket-filter" aria-label="Show">
      {choices.map((choice) => (
        <button
          key={choice}
          type="button"
          className={choice === filter ? 'bucket-filter__choice bucket-filter__choice--on' : 'bucket-filter__choice'}
          aria-pressed={choice === filter}
          onClick={() => onChange(choice)}
        >
          {choice === 'all' ? 'Everything' : CATEGORY_COPY[choice].label}
          <span className="bucket-filter__count">{counts[choice]}</span>
        </button>
      ))}
    </nav>
  );
}
