import { NOTE_TEXT_FIELD, noteRoom } from '#shared/documents/note.js';
import type { NoteDelivery } from '../../storage/RitualStore.js';
import { escapeHtml } from '../escapeHtml.js';
import { exporter } from '../Exporter.js';
import { nameOf } from '../ExportSource.js';
import { when } from '../htmlParts.js';

export interface NoteRecord {
  id: string;
  from: string;
  emoji: string;
  deliverAt: number;
  /** Null for one of your own notes still waiting for its time. */
  deliveredAt: number | null;
  text: string;
}

/**
 * Love notes: every note this person wrote (waiting ones too) and the
 * partner's once delivered. A note for later is not in the partner's archive
 * until its time: `mayRead` on its document decides, as the upgrade does.
 */
export const notesExporter = exporter<NoteDelivery, NoteRecord>({
  key: 'notes',
  heading: 'Love notes',
  async refs(source) {
    const notes = await source.storage.rituals.notesOf(source.journal.id);
    const readable: NoteDelivery[] = [];
    for (const note of notes) if (await source.mayRead(noteRoom(source.journal.id, note.fromUser, note.noteId))) readable.push(note);
    return readable.sort((a, b) => a.deliverAt - b.deliverAt || (a.noteId < b.noteId ? -1 : 1));
  },
  time: (ref) => ref.deliveredAt ?? ref.deliverAt,
  async load(source, ref) {
    const text = await source.read(noteRoom(source.journal.id, ref.fromUser, ref.noteId), (doc) => doc.getText(NOTE_TEXT_FIELD).toString());
    return { id: ref.noteId, from: ref.fromUser, emoji: ref.emoji, deliverAt: ref.deliverAt, deliveredAt: ref.deliveredAt, text: text ?? '' };
  },
  html: (note, source) =>
    `<article class="note"><p class="meta">${escapeHtml(note.emoji)} From ${escapeHtml(nameOf(source, note.from))} · ${note.deliveredAt === null ? `waiting until ${when(note.deliverAt)}` : when(note.deliveredAt)}</p><p class="prewrap">${escapeHtml(note.text)}</p></article>`,
});
