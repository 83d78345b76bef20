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
