import { isValidId } from '../model/ids.js';
import type { DocumentKind } from './DocumentKind.js';
import { ENTRY_SHAPE } from './entry.js';
import { docNameOf, ownedId, roomName } from './roomNames.js';

/**
 * A love note's own document (`<journalId>/note-<writerId>.<noteId>`, open to
 * its writer until the server releases it at the delivery time): the words live in `getText('text')`, written on the writer's devices
 * (offline too) and opened to the partner at the delivery time. The emoji and
 * the time travel with the "send" request, so the server can announce the
 * note without reading it.
 */
export const NOTE_TEXT_FIELD = 'text';

export const noteDocument: DocumentKind = {
  name: 'note',
  keyed: true,
  openTo: 'ownerUntilReleased',
  writtenBy: 'owner',
  rule: null,
  // One text; an entry's bounds are generous for it.
  shape: ENTRY_SHAPE,
  validKey: isValidId,
};

export const noteDocName = (writerId: string, noteId: string): string => docNameOf(noteDocument, ownedId(writerId, noteId));
export const noteRoom = (journalId: string, writerId: string, noteId: string): string => roomName(noteDocument, journalId, ownedId(writerId, noteId));
/** Long enough for a letter-sized note; the home screen shows the start. */
export const MAX_NOTE_CHARS = 2_000;
/** One emoji, possibly joined from several code points (a family, a flag, a skin tone). */
export const MAX_EMOJI_CHARS = 16;
/** How far ahead a note may be set: a birthday next year, not a decade. */
export const MAX_NOTE_DELAY_MS = 400 * 86_400_000;

/** Short notes to start from when words do not come; written for Duet. */
export const SUGGESTED_NOTES: readonly { emoji: string; text: string }[] = [
  { emoji: '☕', text: 'I noticed how you made the morning easier for me today. Thank you.' },
  { emoji: '🌙', text: 'Even on the ordinary evenings, I like being the one you come home to.' },
  { emoji: '🌱', text: 'I love watching you get better at the things you care about.' },
  { emoji: '🧡', text: 'You were patient with me this week when I was not easy to be around. I saw it.' },
  { emoji: '✨', text: 'A small thing I love about you: the way you laugh before you get to the end of your own joke.' },
  { emoji: '🏡', text: 'Wherever we are together feels like the right place.' },
];
