import * as v from 'valibot';
import type { CommentThread } from '../model/comments.js';
import { AnswerBody, RhythmBody, SendNoteBody, day, EditBody, LogInBody, NewJournalBody, NewThreadBody, ReadMarkBody, ReplyBody, ResolveBody, SignUpBody, id } from './requests.js';
import { route } from './route.js';
import type { DayStatus } from '../documents/rituals.js';
import type { DateNightView } from './dateNightTypes.js';
import type { PhotoInfo } from './photoTypes.js';
import { PHOTO_SIZES } from '../model/photoSizes.js';
import type { AcceptedInvite, Rhythm, SentNote, CreatedInvite, InvitePreview, Journal, JournalDetail, Me, User } from './types.js';

/**
 * Every route of the HTTP API, declared once: the server registers its
 * handlers against these (server/http/routes/) and checks each request with
 * their schemas; the client's calls (client/src/api/) are typed from them.
 * Errors are `{error: {code, message}}` with the statuses listed in README.
 */

const THREADS = '/api/journals/:id/entries/:entryId/threads';
const entryId = id('The entry id');
const threadId = id('The thread id');
const commentId = id('The comment id');
/** One emoji; whether it is one is a comment rule (400 `invalid` otherwise). */
const emoji = v.string();
const photoId = id('The photo id');
const photoSize = v.picklist(PHOTO_SIZES, 'The size must be full, display or thumb.');

export const routes = {
  // Accounts and sessions
  signUp: route<{ user: User }>()({ method: 'POST', path: '/api/accounts', status: 201, body: SignUpBody }),
  logIn: route<{ user: User }>()({ method: 'POST', path: '/api/sessions', status: 200, body: LogInBody }),
  logOut: route<void>()({ method: 'DELETE', path: '/api/sessions/current', status: 204 }),
  me: route<Me>()({ method: 'GET', path: '/api/me', status: 200 }),

  // Journals, members and invites
  createJournal: route<{ journal: Journal }>()({ method: 'POST', path: '/api/journals', status: 201, body: NewJournalBody }),
  journal: route<JournalDetail>()({ method: 'GET', path: '/api/journals/:id', status: 200 }),
  createInvite: route<CreatedInvite>()({ method: 'POST', path: '/api/journals/:id/invites', status: 201 }),
  revokeInvite: route<void>()({ method: 'DELETE', path: '/api/journals/:id/invites/:inviteId', status: 204 }),
  removeMember: route<void>()({ method: 'DELETE', path: '/api/journals/:id/members/:userId', status: 204 }),
  invite: route<InvitePreview>()({ method: 'GET', path: '/api/invites/:token', status: 200 }),
  acceptInvite: route<AcceptedInvite>()({ method: 'POST', path: '/api/invites/:token/accept', status: 200 }),

  // Comments: written only through these, with the session's user as the author
  threads: route<{ threads: CommentThread[] }>()({ method: 'GET', path: THREADS, status: 200, params: { entryId } }),
  createThread: route<{ thread: CommentThread }>()({ method: 'POST', path: THREADS, status: 201, body: NewThreadBody, params: { entryId } }),
  resolveThread: route<{ thread: CommentThread }>()({
    method: 'PATCH',
    path: `${THREADS}/:threadId`,
    status: 200,
    body: ResolveBody,
    params: { entryId, threadId },
  }),
  reply: route<{ thread: CommentThread }>()({
    method: 'POST',
    path: `${THREADS}/:threadId/comments`,
    status: 200,
    body: ReplyBody,
    params: { entryId, threadId },
  }),
  editComment: route<{ thread: CommentThread }>()({
    method: 'PATCH',
    path: `${THREADS}/:threadId/comments/:commentId`,
    status: 200,
    body: EditBody,
    params: { entryId, threadId, commentId },
  }),
  deleteComment: route<{ thread: CommentThread }>()({
    method: 'DELETE',
    path: `${THREADS}/:threadId/comments/:commentId`,
    status: 200,
    params: { entryId, threadId, commentId },
  }),
  addReaction: route<{ thread: CommentThread }>()({
    method: 'PUT',
    path: `${THREADS}/:threadId/comments/:commentId/reactions/:emoji`,
    status: 200,
    params: { entryId, threadId, commentId, emoji },
  }),
  removeReaction: route<{ thread: CommentThread }>()({
    method: 'DELETE',
    path: `${THREADS}/:threadId/comments/:commentId/reactions/:emoji`,
    status: 200,
    params: { entryId, threadId, commentId, emoji },
  }),
  /** Your own read mark on an entry's comments; not under …/threads. */
  markRead: route<{ seenAt: number }>()({
    method: 'PUT',
    path: '/api/journals/:id/entries/:entryId/read',
    status: 200,
    body: ReadMarkBody,
    params: { entryId },
  }),

  // Rituals: what the server keeps of them (the words are in owned documents the relay serves)
  rituals: route<{ rhythm: Rhythm; today: string }>()({ method: 'GET', path: '/api/journals/:id/rituals', status: 200 }),
  setRhythm: route<{ rhythm: Rhythm }>()({ method: 'PUT', path: '/api/journals/:id/rituals/rhythm', status: 200, body: RhythmBody }),
  /** "I have answered": sent once the answer's document is stored; reveals the day when both have. */
  answerDay: route<{ status: DayStatus }>()({
    method: 'POST',
    path: '/api/journals/:id/days/:day/answer',
    status: 200,
    body: AnswerBody,
    params: { day },
  }),
  /** Sends (or moves) a note, delivered at `deliverAt` (now, if that has passed). */
  sendNote: route<{ note: SentNote }>()({
    method: 'PUT',
    path: '/api/journals/:id/notes/:noteId',
    status: 200,
    body: SendNoteBody,
    params: { noteId: id('The note id') },
  }),
  /** Takes back a note not yet delivered. */
  cancelNote: route<void>()({ method: 'DELETE', path: '/api/journals/:id/notes/:noteId', status: 204, params: { noteId: id('The note id') } }),
  /** "I have read it", for a delivered note from your partner; only if you choose to let them know. */
  markNoteSeen: route<void>()({ method: 'PUT', path: '/api/journals/:id/notes/:noteId/seen', status: 204, params: { noteId: id('The note id') } }),
  /** The notes you have sent, delivered or waiting (never your partner's waiting ones). */
  sentNotes: route<{ notes: SentNote[] }>()({ method: 'GET', path: '/api/journals/:id/notes', status: 200 }),

  // Date nights: the night is a shared document; the server announces it to the partner and writes its entry
  /** Announces a night whose setup is stored, so the partner's journal page offers to join it. */
  announceNight: route<{ night: DateNightView }>()({
    method: 'PUT',
    path: '/api/journals/:id/datenights/:nightId',
    status: 200,
    params: { nightId: id('The date night id') },
  }),
  /** Ends a night: the server writes it as one entry on the timeline; again later, it adds what arrived late. */
  endNight: route<{ night: DateNightView }>()({
    method: 'POST',
    path: '/api/journals/:id/datenights/:nightId/end',
    status: 200,
    params: { nightId: id('The date night id') },
  }),

  // Photos: files on the server, referred to by id from entries; members only, on every request
  /**
   * Uploads a photo under the id the device gave it, as multipart/form-data: the file in the
   * field `photo`, optionally the entry it was added to in `entryId`. 201 when stored, 200 with
   * the photo as stored when the id is already this journal's (a retry).
   */
  uploadPhoto: route<{ photo: PhotoInfo }>()({ method: 'PUT', path: '/api/journals/:id/photos/:photoId', status: 201, params: { photoId } }),
  /** A photo's bytes in one size (`full`, `display`, `thumb`), for an <img> of the app; not JSON. */
  photoFile: route<Blob>()({
    method: 'GET',
    path: '/api/journals/:id/photos/:photoId/:size',
    status: 200,
    params: { photoId, size: photoSize },
  }),
  /** The journal's stored photos, oldest first (the index's `photos` map holds the same, live). */
  photos: route<{ photos: PhotoInfo[] }>()({ method: 'GET', path: '/api/journals/:id/photos', status: 200 }),
} as const;

export type Routes = typeof routes;
