import type * as Y from 'yjs';
import type { DocumentKind } from './DocumentKind.js';
import { INDEX_SHAPE } from './journalIndex.js';
import { roomName } from './roomNames.js';

/**
 * A member's own records in a journal (`<journalId>/mine-<userId>`), open to
 * that member only, for good: what follows them between their own devices
 * but is nobody else's business. Flat maps:
 *
 *   openedNotes: note id -> when this member first opened it (the partner
 *                learns it only if `settings.shareSeen` is on, through the API)
 *   settings:    "shareSeen" -> boolean, off unless the member turns it on
 *   drafts:      draft id -> {createdAt, sharedAs: entry id | null, title}: the member's quiet
 *                drafts (`draft.ts`), listed on each of their devices (the title is mirrored
 *                here, so the list opens no draft)
 */
export const mineDocument: DocumentKind = {
  name: 'mine',
  keyed: true,
  openTo: 'owner',
  writtenBy: 'members',
  rule: null,
  shape: INDEX_SHAPE,
};

export const mineRoom = (journalId: string, userId: string): string => roomName(mineDocument, journalId, userId);

const OPENED_NOTES = 'openedNotes';
const SETTINGS = 'settings';
const DRAFTS = 'drafts';

export interface DraftRecord {
  id: string;
  createdAt: number;
  /** The entry it became when shared, or null while it is private. */
  sharedAs: string | null;
  /** The draft's title as last mirrored from its own document. */
  title: string;
}

export function openedNotes(doc: Y.Doc): Map<string, number> {
  const opened = new Map<string, number>();
  for (const [id, at] of doc.getMap<unknown>(OPENED_NOTES).entries()) if (typeof at === 'number') opened.set(id, at);
  return opened;
}

/** Marks a note opened; the first time counts, so a second device does not move it. */
export function markNoteOpened(doc: Y.Doc, noteId: string, at: number): void {
  const map = doc.getMap<unknown>(OPENED_NOTES);
  if (!map.has(noteId)) map.set(noteId, at);
}

export function sharesSeen(doc: Y.Doc): boolean {
  return doc.getMap<unknown>(SETTINGS).get('shareSeen') === true;
}

export function setSharesSeen(doc: Y.Doc, on: boolean): void {
  doc.getMap<unknown>(SETTINGS).set('shareSeen', on);
}

export function readDrafts(doc: Y.Doc): DraftRecord[] {
  const drafts: DraftRecord[] = [];
  for (const [id, value] of doc.getMap<unknown>(DRAFTS).entries()) {
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    if (typeof record.createdAt !== 'number') continue;
    drafts.push({
      id,
      createdAt: record.createdAt,
      sharedAs: typeof record.sharedAs === 'string' ? record.sharedAs : null,
      title: typeof record.title === 'string' ? record.title : '',
    });
  }
  return drafts.sort((a, b) => b.createdAt - a.createdAt);
}

export function addDraft(doc: Y.Doc, id: string, createdAt: number): void {
  doc.getMap<unknown>(DRAFTS).set(id, { createdAt, sharedAs: null, title: '' });
}

function draftRecord(doc: Y.Doc, id: string): DraftRecord | null {
  return readDrafts(doc).find((d) => d.id === id) ?? null;
}

/** Mirrors a draft's title into the list, when it changed. */
export function setDraftTitle(doc: Y.Doc, id: string, title: string): void {
  const current = draftRecord(doc, id);
  if (!current || current.title === title) return;
  doc.getMap<unknown>(DRAFTS).set(id, { createdAt: current.createdAt, sharedAs: current.sharedAs, title });
}

/** Records which entry a draft became; the first share wins if two devices shared it offline. */
export function markDraftShared(doc: Y.Doc, id: string, entryId: string): string {
  const current = draftRecord(doc, id);
  if (current?.sharedAs) return current.sharedAs;
  doc.getMap<unknown>(DRAFTS).set(id, { createdAt: current?.createdAt ?? Date.now(), sharedAs: entryId, title: current?.title ?? '' });
  return entryId;
}
