import { routes } from '#shared/api/routes.js';
import { callRoute } from '../api/callRoute';

/** The check-in's one call: the couple's check-in day (the week's document itself is synced like an entry). */
export const checkinApi = {
  setCheckinDay: (journalId: string, checkinDay: number) => callRoute(routes.setRhythm, { params: { id: journalId }, body: { checkinDay } }),
};
