import { routes } from '#shared/api/routes.js';
import { callRoute } from './callRoute';
import { getWithDeviceCopy } from './deviceCopy';

/** The calls pages make, each typed from its declaration in shared/api/routes.ts. */
export const api = {
  signUp: (body: { name: string; email: string; password: string }) => callRoute(routes.signUp, { body }),
  logIn: (body: { email: string; password: string }) => callRoute(routes.logIn, { body }),
  logOut: () => callRoute(routes.logOut, {}),
  me: () => callRoute(routes.me, {}),
  /** `me`, or this device's copy of the last answer when Duet cannot be reached. */
  meOrDeviceCopy: () => getWithDeviceCopy(routes.me, {}),

  createJournal: (title: string) => callRoute(routes.createJournal, { body: { title } }),
  journal: (id: string) => callRoute(routes.journal, { params: { id } }),
  journalOrDeviceCopy: (id: string) => getWithDeviceCopy(routes.journal, { params: { id } }),
  createInvite: (journalId: string) => callRoute(routes.createInvite, { params: { id: journalId } }),
  revokeInvite: (journalId: string, inviteId: string) => callRoute(routes.revokeInvite, { params: { id: journalId, inviteId } }),
  removeMember: (journalId: string, userId: string) => callRoute(routes.removeMember, { params: { id: journalId, userId } }),

  invite: (token: string) => callRoute(routes.invite, { params: { token } }),
  acceptInvite: (token: string) => callRoute(routes.acceptInvite, { params: { token } }),
};
