import { isValidId } from '#shared/model/ids.js';
import { isIsoWeek, isLocalDay } from '#shared/rituals/calendar.js';

/** Every screen of the app, parsed from the path. */
export type Route =
  | { name: 'home' }
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'invite'; token: string }
  | { name: 'journal'; journalId: string }
  | { name: 'entry'; journalId: string; entryId: string }
  | { name: 'day'; journalId: string; day: string }
  | { name: 'notes'; journalId: string }
  | { name: 'search'; journalId: string }
  | { name: 'draft'; journalId: string; draftId: string }
  | { name: 'dateNight'; journalId: string; nightId: string }
  | { name: 'checkin'; journalId: string; week: string }
  | { name: 'bucket'; journalId: string }
  | { name: 'account' }
  | { name: 'deleteAccount' }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword'; token: string }
  | { name: 'memories'; journalId: string }
  | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  if (parts.some((p) => p === null)) return { name: 'notFound' };
  const [a, b, c, d] = parts as string[];
  // Ids go into room names: a `/` or `..` decoded from the address must not point a socket elsewhere.
  if (a === 'journals' && (!isValidId(b) || (parts.length === 4 && c !== 'days' && c !== 'checkins' && !isValidId(d)))) return { name: 'notFound' };
  switch (parts.length) {
    case 0:
      return { name: 'home' };
    case 1:
      if (a === 'login') return { name: 'login' };
      if (a === 'signup') return { name: 'signup' };
      if (a === 'account') return { name: 'account' };
      if (a === 'forgot-password') return { name: 'forgotPassword' };
      break;
    case 2:
      if (a === 'invite') return { name: 'invite', token: b };
      if (a === 'journals') return { name: 'journal', journalId: b };
      if (a === 'account' && b === 'delete') return { name: 'deleteAccount' };
      if (a === 'reset-password') return { name: 'resetPassword', token: b };
      break;
    case 3:
      if (a === 'journals' && c === 'notes') return { name: 'notes', journalId: b };
      if (a === 'journals' && c === 'bucket') return { name: 'bucket', journalId: b };
      if (a === 'journals' && c === 'search') return { name: 'search', journalId: b };
      if (a === 'journals' && c === 'memories') return { name: 'memories', journalId: b };
      break;
    case 4:
      if (a === 'journals' && c === 'entries') return { name: 'entry', journalId: b, entryId: d };
      if (a === 'journals' && c === 'drafts') return { name: 'draft', journalId: b, draftId: d };
      if (a === 'journals' && c === 'days' && isLocalDay(d)) return { name: 'day', journalId: b, day: d };
      if (a === 'journals' && c === 'nights') return { name: 'dateNight', journalId: b, nightId: d };
      if (a === 'journals' && c === 'checkins' && isIsoWeek(d)) return { name: 'checkin', journalId: b, week: d };
      break;
  }
  return { name: 'notFound' };
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Pages that make sense without a session (an invitation can be read before signing up). */
export function isPublicRoute(route: Route): boolean {
  return (
    route.name === 'login' ||
    route.name === 'signup' ||
    route.name === 'invite' ||
    route.name === 'forgotPassword' ||
    route.name === 'resetPassword' ||
    route.name === 'notFound'
  );
}

export const paths = {
  home: () => '/',
  journal: (journalId: string) => `/journals/${encodeURIComponent(journalId)}`,
  entry: (journalId: string, entryId: string) =>
    `/journals/${encodeURIComponent(journalId)}/entries/${encodeURIComponent(entryId)}`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
  draft: (journalId: string, draftId: string) => `/journals/${encodeURIComponent(journalId)}/drafts/${encodeURIComponent(draftId)}`,
  notes: (journalId: string) => `/journals/${encodeURIComponent(journalId)}/notes`,
  search: (journalId: string) => `/journals/${encodeURIComponent(journalId)}/search`,
  day: (journalId: string, day: string) => `/journals/${encodeURIComponent(journalId)}/days/${day}`,
  dateNight: (journalId: string, nightId: string) => `/journals/${encodeURIComponent(journalId)}/nights/${encodeURIComponent(nightId)}`,
  checkin: (journalId: string, week: string) => `/journals/${encodeURIComponent(journalId)}/checkins/${week}`,
  bucket: (journalId: string) => `/journals/${encodeURIComponent(journalId)}/bucket`,
  account: () => '/account',
  deleteAccount: () => '/account/delete',
  forgotPassword: () => '/forgot-password',
  resetPassword: (token: string) => `/reset-password/${encodeURIComponent(token)}`,
  memories: (journalId: string) => `/journals/${encodeURIComponent(journalId)}/memories`,
};
