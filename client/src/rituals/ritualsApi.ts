import { routes } from '#shared/api/routes.js';
import { callRoute } from '../api/callRoute';

/** The rituals' calls, typed from their declarations in shared/api/routes.ts. */
export const ritualsApi = {
  /** Brings the journal's rituals document up to date (the schedule, written ahead) and says the couple's today. */
  rituals: (journalId: string) => callRoute(routes.rituals, { params: { id: journalId } }),
  setTimeZone: (journalId: string, timeZone: string) => callRoute(routes.setRhythm, { params: { id: journalId }, body: { timeZone } }),
  answerDay: (journalId: string, day: string, questionId: string) =>
    callRoute(routes.answerDay, { params: { id: journalId, day }, body: { questionId } }),
};

export const notesApi = {
  send: (journalId: string, noteId: string, emoji: string, deliverAt: number) =>
    callRoute(routes.sendNote, { params: { id: journalId, noteId }, body: { emoji, deliverAt } }),
  cancel: (journalId: string, noteId: string) => callRoute(routes.cancelNote, { params: { id: journalId, noteId } }),
  sent: (journalId: string) => callRoute(routes.sentNotes, { params: { id: journalId } }),
  markSeen: (journalId: string, noteId: string) => callRoute(routes.markNoteSeen, { params: { id: journalId, noteId } }),
};
