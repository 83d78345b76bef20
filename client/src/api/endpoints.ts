import { getWithDeviceCopy } from './deviceCopy';
import { apiRequest } from './request';
import type { CreatedInvite, InvitePreview, Journal, JournalDetail, Me, User } from '#shared/api/types.js';

const enc = encodeURIComponent;

export const api = {
  signUp: (input: { name: string; email: string; password: string }) =>
    apiRequest<{ user: User }>('POST', '/api/accounts', input),
  logIn: (input: { email: string; password: string }) => apiRequest<{ user: User }>('POST', '/api/sessions', input),
  logOut: () => apiRequest<void>('DELETE', '/api/sessions/current'),
  me: () => apiRequest<Me>('GET', '/api/me'),
  /** `me`, or this device's copy of the last answer when Duet cannot be reached. */
  meOrDeviceCopy: () => getWithDeviceCopy<Me>('/api/me'),

  createJournal: (title: string) => apiRequest<{ journal: Journal }>('POST', '/api/journals', { title }),
  journal: (id: string) => apiRequest<JournalDetail>('GET', `/api/journals/${enc(id)}`),
  journalOrDeviceCopy: (id: string) => getWithDeviceCopy<JournalDetail>(`/api/journals/${enc(id)}`),
  createInvite: (journalId: string) => apiRequest<CreatedInvite>('POST', `/api/journals/${enc(journalId)}/invites`),
  revokeInvite: (journalId: string, inviteId: string) =>
    apiRequest<void>('DELETE', `/api/journals/${enc(journalId)}/invites/${enc(inviteId)}`),
  removeMember: (journalId: string, userId: string) =>
    apiRequest<void>('DELETE', `/api/journals/${enc(journalId)}/members/${enc(userId)}`),

  invite: (token: string) => apiRequest<InvitePreview>('GET', `/api/invites/${enc(token)}`),
  acceptInvite: (token: string) => apiRequest<{ journalId: string }>('POST', `/api/invites/${enc(token)}/accept`),
};
